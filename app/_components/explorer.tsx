"use client";

import { useRef, useState } from "react";
import { useReadOnly } from "@/components/read-only";
import { StaleReadNotice } from "@/components/stale-read-notice";
import { Button } from "@/components/ui/button";
import { parentFolder } from "@/lib/format/key-path";
import { usePermissionsQuery } from "@/lib/query/use-permissions-query";
import { useWatchStream } from "@/lib/live/use-watch-stream";
import { watchScope } from "@/lib/live/watch-scope";
import { AsOfBanner } from "./time-travel/as-of-banner";
import { ChangesView } from "./changes/changes-view";
import { CreateKeyDialog } from "./folder/create-key-dialog";
import { EventLog } from "./event-log/event-log";
import { FolderPane } from "./folder/folder-pane";
import { JumpToKey } from "./jump-to-key";
import { KeyPane } from "./key/key-pane";
import { KeyTree } from "./tree/key-tree";
import { SearchPanel } from "./search/search-panel";
import { ShortcutsDialog } from "./shortcuts/shortcuts-dialog";
import { useExpanded } from "./tree/use-expanded";
import { useLiveUpdates } from "../../lib/live/use-live-updates";
import { useSelection, type Selection } from "./use-selection";
import { RevisionPicker } from "./time-travel/revision-picker";
import { useAsOfParam } from "./time-travel/use-as-of-param";
import { BulkActionDialog } from "./selection/bulk-action-dialog";
import { normaliseMarked, parseMarkedId } from "./selection/marked-item";
import { SelectionBar, type BulkAction } from "./selection/selection-bar";
import { useMarked } from "./selection/use-marked";
import { useShortcut } from "./shortcuts/use-shortcut";
import { WatchContext } from "../../lib/live/watch-context";

/** The prefix a new key starts with: the selected folder, or the selected key's folder. */
function newKeyPrefix(selection: Selection): string {
  if (selection.kind === "folder") {
    return selection.folder.prefixEncoding === "utf8" ? selection.folder.prefix : "";
  }
  if (selection.kind === "key") {
    const parent = parentFolder(selection.ref);
    return parent.prefixEncoding === "utf8" ? parent.prefix : "";
  }
  return "/";
}

/**
 * The two-pane explorer: key tree (left) and the selected key or folder (right). The selection
 * lives in the URL (useSelection); opening a deep link opens the folders above it. Owns the
 * tab's one watch stream: it keeps the caches live and feeds the event log panel at the bottom.
 * Above both panes, a notice while the keys shown come from a serializable (maybe stale) read.
 * The stream watches every key unless the gateway's etcd user may only read part of the
 * keyspace (watchScope; opened once permissions are known).
 * Shortcuts bound here: Alt+N (new key, unless read-only), `?` (the shortcuts dialog) and
 * Ctrl/Cmd-K (the search panel, above the right pane).
 * `?revision=R` (inside AsOfScope, app/page.tsx) shows the keyspace as of revision R: the panes
 * read at R, are read-only and get no watch stream (no flashes, no live values); a banner says
 * so. The event log stays live.
 * The tree's multi-selection (useMarked) shows a selection bar above it; its actions open one
 * confirmation dialog (BulkActionDialog) on the selection without the items a selected folder
 * covers (normaliseMarked). Switching revision (or to live) empties it; in a past view the bar
 * offers only Export (of that revision) and Clear, as the view is read-only.
 */
export function Explorer() {
  const readOnly = useReadOnly();
  const asOf = useAsOfParam();
  const { selection, select } = useSelection();
  const { expanded, toggle } = useExpanded(selection);
  const [creating, setCreating] = useState<string | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  // A revision switch empties the selection (its rows belong to the view they were picked in).
  const marked = useMarked(asOf.revision ?? "live");
  const [bulkAt, setBulk] = useState<{ action: BulkAction; scope: string } | null>(null);
  const bulk = bulkAt?.scope === (asOf.revision ?? "live") ? bulkAt.action : null;
  useShortcut("newKey", () => setCreating(newKeyPrefix(selection)), {
    enabled: !readOnly && creating === null,
  });
  useShortcut("help", () => setShowShortcuts(true));
  const [searching, setSearching] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const openSearch = () => {
    setSearching(true);
    requestAnimationFrame(() => searchInput.current?.focus());
  };
  useShortcut("search", openSearch, { inEditors: true });
  const permissions = usePermissionsQuery();
  const scope = permissions.isPending ? null : watchScope(permissions.data);
  const stream = useWatchStream(scope?.url ?? null);
  useLiveUpdates(stream);
  const now = stream.state.latestRevision;

  return (
    <WatchContext value={asOf.revision === null ? stream : null}>
      <div className="flex h-full min-h-0 flex-col">
        <StaleReadNotice />
        {asOf.revision !== null ? (
          <AsOfBanner
            key={asOf.revision}
            revision={asOf.revision}
            now={now}
            onLive={() => asOf.setRevision(null)}
            onPick={asOf.setRevision}
          />
        ) : null}
        <div className="flex min-h-0 flex-1">
          <aside className="flex w-96 shrink-0 flex-col border-r border-slate-200 bg-white">
            <div className="flex flex-col gap-2 border-b border-slate-200 p-3">
              <JumpToKey onJump={select} />
              <RevisionPicker
                key={asOf.revision ?? "live"}
                current={asOf.revision}
                now={now}
                onPick={asOf.setRevision}
              />
              <div className="flex items-center justify-between">
                <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Keys
                </span>
                <div className="flex items-center gap-1">
                  <Button size="sm" variant="ghost" title="Search (Ctrl/⌘K)" onClick={openSearch}>
                    Search
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label="Keyboard shortcuts"
                    title="Keyboard shortcuts (?)"
                    onClick={() => setShowShortcuts(true)}
                  >
                    ?
                  </Button>
                  {readOnly ? null : (
                    <Button
                      size="sm"
                      variant="primary"
                      onClick={() => setCreating(newKeyPrefix(selection))}
                    >
                      + New key
                    </Button>
                  )}
                </div>
              </div>
            </div>
            {marked.ids.size ? (
              <SelectionBar
                count={marked.ids.size}
                readOnly={readOnly}
                onAction={(action) => setBulk({ action, scope: asOf.revision ?? "live" })}
                onClear={marked.clear}
              />
            ) : null}
            <div className="min-h-0 flex-1 overflow-auto">
              <KeyTree
                expanded={expanded}
                toggle={toggle}
                selection={selection}
                select={select}
                marked={marked}
              />
            </div>
          </aside>
          <section aria-label="Selected item" className="min-w-0 flex-1 overflow-auto">
            {searching ? (
              <SearchPanel
                inputRef={searchInput}
                prefix={newKeyPrefix(selection) === "/" ? "" : newKeyPrefix(selection)}
                onOpen={(ref) => select({ kind: "key", ref })}
                onClose={() => setSearching(false)}
              />
            ) : null}
            {selection.kind === "key" ? (
              <KeyPane
                key={`${selection.ref.keyEncoding}:${selection.ref.key}`}
                keyRef={selection.ref}
                onSelect={select}
                onCreate={setCreating}
              />
            ) : selection.kind === "changes" ? (
              <ChangesView
                key={`${selection.folder.prefixEncoding}:${selection.folder.prefix}`}
                folder={selection.folder}
                from={selection.from}
                to={selection.to}
                now={now}
                onSelect={select}
              />
            ) : selection.kind === "folder" ? (
              <FolderPane
                key={`${selection.folder.prefixEncoding}:${selection.folder.prefix}`}
                folder={selection.folder}
                onSelect={select}
                onCreate={setCreating}
              />
            ) : (
              <div className="p-8 text-sm text-slate-500">
                <p className="text-base font-medium text-slate-700">Select a key in the tree</p>
                <p className="mt-1">
                  Folders open on click; keys show their value and metadata here. Use “Jump to key”
                  to open any key by name.
                </p>
              </div>
            )}
          </section>
          {creating !== null ? (
            <CreateKeyDialog
              initialKey={creating}
              onClose={() => setCreating(null)}
              onCreated={(ref) => {
                setCreating(null);
                select({ kind: "key", ref });
              }}
            />
          ) : null}
          {bulk ? (
            <BulkActionDialog
              action={bulk}
              items={normaliseMarked([...marked.ids].flatMap((id) => parseMarkedId(id) ?? []))}
              onClose={() => setBulk(null)}
              onDone={() => {
                setBulk(null);
                marked.clear();
              }}
            />
          ) : null}
          {showShortcuts ? <ShortcutsDialog onClose={() => setShowShortcuts(false)} /> : null}
        </div>
        <EventLog stream={stream} note={scope?.note ?? null} />
      </div>
    </WatchContext>
  );
}

import { Button } from "@/components/ui/button";

/**
 * Under the editor when the key being edited was deleted by someone else: the draft is kept,
 * and the user picks between creating the key with it (create-only: `PUT /api/v1/kv` with
 * `expectedModRevision: "0"`, which conflicts if someone re-created the key) and discarding it.
 * @prop revision   the store revision of the delete when the watch saw it, else null
 * @prop pending    a save is in flight (buttons disabled)
 * @prop onCreate   create the key with the draft
 * @prop onDiscard  drop the draft and leave the editor
 */
export function DeletedNotice({
  revision,
  pending,
  onCreate,
  onDiscard,
}: {
  revision: string | null;
  pending: boolean;
  onCreate: () => void;
  onDiscard: () => void;
}) {
  return (
    <div
      aria-label="Deleted underneath"
      className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p className="min-w-0 flex-1">
        This key was deleted by someone else
        {revision ? ` at revision ${revision}` : ""}. Your draft is kept: create the key with it, or
        discard it.
      </p>
      <Button size="sm" variant="primary" disabled={pending} onClick={onCreate}>
        Create with my draft
      </Button>
      <Button size="sm" disabled={pending} onClick={onDiscard}>
        Discard draft
      </Button>
    </div>
  );
}

import "server-only";
import type { IKeyValue } from "etcd3";
import type { ScanProgressEvent, SearchDoneEvent, SearchMatchEvent } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { leaseToHex } from "../bytes";
import type { ScanPage } from "../scan/scan";
import { excerptOf, type Matcher } from "./matcher";

/** What a search looks at: keys only, or keys and values. */
export type SearchIn = "keys" | "values";

/**
 * The matching side of a search: fed the scan's pages in key order, it calls `emit` with each
 * matching key's `match` event and says when `limit` matches were found (stop the scan).
 * A key is tested as its bytes decoded as UTF-8 (invalid bytes become U+FFFD); with
 * `in: "values"` the value too, and a value match carries an excerpt. `valueSize` is null for
 * `in: "keys"`: a keys-only Range tells nothing about the value.
 */
export function searchConsumer(matcher: Matcher, where: SearchIn, limit: number) {
  let matches = 0;
  let examined = 0n;
  let stoppedEarly = false;
  return {
    /** Test one page; false once `limit` matches are reached. */
    page(page: ScanPage, emit: (match: SearchMatchEvent) => void): boolean {
      examined = page.scanned - BigInt(page.kvs.length);
      for (const kv of page.kvs) {
        examined++;
        const match = matchOf(kv, matcher, where);
        if (!match) continue;
        emit(match);
        if (++matches >= limit) {
          stoppedEarly = true;
          return false;
        }
      }
      return true;
    },
    /** The `done` event: `scanned` counts the keys actually tested. */
    done(last: ScanProgressEvent): SearchDoneEvent {
      return {
        scanned: String(examined),
        matches,
        revision: last.revision,
        truncated: stoppedEarly && examined < BigInt(last.total),
      };
    },
  };
}

function matchOf(kv: IKeyValue, matcher: Matcher, where: SearchIn): SearchMatchEvent | null {
  const keyHit = matcher.test(kv.key.toString("utf8"));
  if (where === "keys") return keyHit ? eventOf(kv, null) : null;
  const value = kv.value ?? Buffer.alloc(0);
  const text = value.length ? value.toString("utf8") : "";
  const valueHit = text ? matcher.find(text) : null;
  if (!keyHit && !valueHit) return null;
  const match = eventOf(kv, value.length);
  if (valueHit) match.excerpt = excerptOf(text, valueHit);
  return match;
}

function eventOf(kv: IKeyValue, valueSize: number | null): SearchMatchEvent {
  const key = encodeBytes(kv.key);
  return {
    key: key.text,
    keyEncoding: key.encoding,
    createRevision: String(kv.create_revision),
    modRevision: String(kv.mod_revision),
    version: String(kv.version),
    lease: leaseToHex(kv.lease),
    valueSize,
  };
}

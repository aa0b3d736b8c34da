// Memory and CPU of a process group, from /proc (Linux).
import fs from "node:fs";

const TICKS_PER_SECOND = 100;

/**
 * Resident memory (bytes) and CPU time (seconds) summed over every process in group `pgid`.
 * @param {number} pgid
 * @returns {{rssBytes: number, cpuSeconds: number}}
 */
export function groupStats(pgid) {
  let rssBytes = 0;
  let cpuSeconds = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime+stime
      rssBytes += Number(fields[21]) * 4096; // rss pages
    } catch {
      // process went away
    }
  }
  return { rssBytes, cpuSeconds };
}

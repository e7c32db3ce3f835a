import fs from 'node:fs';

/**
 * A process's CPU time so far, in microseconds (user and system, from /proc/<pid>/stat). CPU per
 * request is the figure that survives a shared machine: requests a second move with what else the
 * host runs, the CPU one answer takes does not.
 */
export function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15
  return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
}

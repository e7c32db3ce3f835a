import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Preloaded into the server by bench/profile.ts (`node --import`): SIGUSR2 starts V8's CPU profiler,
 * the next SIGUSR2 stops it and writes `<PROFILE_OUT>-<n>.cpuprofile`. `--cpu-prof` profiles the whole
 * process, start-up and warm-up included; this profiles exactly the measured load.
 */
const out = process.env.PROFILE_OUT;
if (out) {
  const session = new Session();
  session.connect();
  let running = false;
  let n = 0;
  let cpu = process.cpuUsage();
  process.on('SIGUSR2', async () => {
    if (!running) {
      running = true;
      await session.post('Profiler.enable');
      // 200 us: fine enough for a 50 us answer's parts over thousands of requests, cheap enough to run.
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      cpu = process.cpuUsage();
      return;
    }
    running = false;
    const used = process.cpuUsage(cpu);
    const { profile } = await session.post('Profiler.stop');
    n += 1;
    // The CPU time this process used while profiling: on a machine shared with other work, the
    // samples' wall-clock time includes the time the process waited for a core.
    fs.writeFileSync(
      `${out}-${n}.cpuprofile`,
      JSON.stringify({ ...profile, cpuUs: used.user + used.system }),
    );
    process.stdout.write(`profile written: ${out}-${n}.cpuprofile\n`);
  });
}

/**
 * Preloaded (`node -r`) into processes the bench does not control, such as the built CLI: on
 * exit, writes the process's peak RSS and CPU time to $API_WARDEN_BENCH_PROBE as JSON.
 */
import * as fs from 'fs';

const target = process.env.API_WARDEN_BENCH_PROBE;
if (target) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    fs.writeFileSync(target, JSON.stringify({ peakRssMB, cpuMs: (cpu.user + cpu.system) / 1000 }));
  });
}

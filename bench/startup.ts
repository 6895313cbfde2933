import { measurePackScale } from './pack-scale.js';

// Usage: npm run bench:startup   (BENCH_SCALES=1,10 skips 100×)
// The pack-scale part of `npm run bench` alone: start to ready and search at 1×, 10× and 100× the
// bundled pack, each start in a fresh process, without the start-up cache and then reading it.
const SCALES = (process.env.BENCH_SCALES ?? '1,10,100').split(',').map(Number);

const ms = (value: number, digits = 0) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log('| pack | passages | start to ready | search p50 / p99 | start to ready from the cache | search p50 / p99 then |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const copies of SCALES) {
  const { passages, readyMs, p50, p99, cached } = await measurePackScale(copies);
  console.log(`| ${copies}× | ${ms(passages)} | ${ms(readyMs)} ms | ${ms(p50, 3)} / ${ms(p99, 3)} ms | ${ms(cached.readyMs)} ms | ${ms(cached.p50, 3)} / ${ms(cached.p99, 3)} ms |`);
}

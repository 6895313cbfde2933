// Messages built to make text scans slow if any of them were super-linear: repeated negation cues, long
// lists of symptoms and scope cues, and long pasted cases, each at the longest accepted length.
const LENGTH = 4000;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

const PASTED_CASE =
  '68-year-old woman, 70 kg, creatinine 1.6 mg/dL, ER+ HER2-, bone metastases in T12 and the left femur with cortical ' +
  'involvement over two thirds, Mirels 9, calcium 13.4 mg/dL, albumin 2.6 g/dL, progressed on letrozole and palbociclib, ' +
  'no visceral crisis, no leg weakness, no numbness, denies bladder or bowel change. ';

export const WORST_CASE_INPUTS: ReadonlyArray<{ name: string; message: string }> = [
  { name: 'repeated "no fever, "', message: fill('no fever, ') },
  { name: 'repeated negation cues', message: fill('no not never without denies ') },
  { name: 'long list of symptoms', message: fill('back pain, leg weakness, numbness, incontinence, confusion, thirst, vomiting, fever, ') },
  { name: 'repeated scope cues', message: fill('what if last year my legs were weak, ') },
  { name: 'repeated site list', message: fill('bone and liver and lung and brain ') },
  { name: 'one long word', message: fill('weak') },
  { name: 'pasted case', message: fill(PASTED_CASE) },
];

/** POSTs each worst-case message to /v1/chat several times and returns the median time of each. */
export async function timeWorstCases(chatUrl: string, rounds = 9): Promise<Array<{ name: string; chars: number; medianMs: number; status: number }>> {
  const results = [];
  for (const { name, message } of WORST_CASE_INPUTS) {
    const samples: number[] = [];
    let status = 0;
    for (let round = 0; round < rounds; round += 1) {
      const started = performance.now();
      const response = await fetch(chatUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
      await response.arrayBuffer();
      samples.push(performance.now() - started);
      status = response.status;
    }
    samples.sort((a, b) => a - b);
    results.push({ name, chars: message.length, medianMs: samples[Math.floor(samples.length / 2)]!, status });
  }
  return results;
}

import { z } from 'zod';
import type { Finding } from '../../domain/types.js';
import { floorToTenth, formatNumber } from '../format-number.js';

/**
 * Passages for the rescue dose of someone already on regular oral morphine (BNF guidance on prescribing in
 * palliative care, as held in the knowledge): one-tenth to one-sixth of the 24-hour total, every 2 to 4 hours as needed.
 */
export const MORPHINE_RESCUE_DOSE_PASSAGES: readonly string[] = [
  'cancer-pain-practicalities#rescue-doses-for-someone-already-on-regular-morphine-1',
  'cancer-pain-practicalities#rescue-doses-for-someone-already-on-regular-morphine-2',
];

/** The 24-hour total of regular oral morphine, in mg. */
const totalSchema = z.number().finite().positive().max(1000);

export type MorphineRescueDose = { lowMg: number; highMg: number };

/** One-tenth to one-sixth of the 24-hour total, each rounded down to a tenth of a milligram (less opioid is the cautious side). */
export function morphineRescueDose(regularOralMorphineMgPerDay: number): MorphineRescueDose {
  const total = totalSchema.parse(regularOralMorphineMgPerDay);
  return { lowMg: floorToTenth(total / 10), highMg: floorToTenth(total / 6) };
}

export function morphineRescueDoseFinding(regularOralMorphineMgPerDay: number): Finding {
  const { lowMg, highMg } = morphineRescueDose(regularOralMorphineMgPerDay);
  return {
    id: 'morphine-rescue-dose',
    title: 'Rescue dose on regular oral morphine',
    summary:
      `Regular oral morphine of ${formatNumber(regularOralMorphineMgPerDay)} mg in 24 hours gives an immediate-release oral morphine rescue dose for breakthrough pain ` +
      `of ${formatNumber(lowMg)}–${formatNumber(highMg)} mg (one-tenth to one-sixth of the 24-hour total), which can be repeated every 2 to 4 hours as needed.`,
    indicator: 'info',
    inputs: { regularOralMorphineMgPerDay },
    result: { rescueDoseLowMg: lowMg, rescueDoseHighMg: highMg },
    passageIds: [...MORPHINE_RESCUE_DOSE_PASSAGES],
  };
}

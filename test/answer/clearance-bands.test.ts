import { describe, expect, it } from 'vitest';
import { clearanceBandsOf, speaksOfOtherClearance } from '../../src/answer/clearance-bands.js';

describe('kidney-function bands a sentence states', () => {
  it('reads ranges, lower and upper limits, and nothing from a sentence without them', () => {
    expect(clearanceBandsOf('For a creatinine clearance of 40–49 mL/min the dose is 3.3 mg.')).toEqual([{ low: 40, high: 49 }]);
    expect(clearanceBandsOf('With a creatinine clearance above 60 mL/min no change is needed.')).toEqual([{ low: 61, high: Infinity }]);
    expect(clearanceBandsOf('Creatinine clearance below 30 mL/min or on dialysis.')).toEqual([{ low: -Infinity, high: 29 }]);
    expect(clearanceBandsOf('Creatinine clearance is calculated with the Cockcroft-Gault formula.')).toEqual([]);
    // A single value is a reference point, not a band of patients.
    expect(clearanceBandsOf('the same exposure as in a patient with a creatinine clearance of 75 mL/min')).toEqual([]);
  });

  it('finds a sentence about other patients only when the case lies outside every band it states', () => {
    const above60 = 'In patients with a calculated creatinine clearance above 60 mL/min, no change in dose is needed.';
    expect(speaksOfOtherClearance(above60, 45)).toBe(true);
    expect(speaksOfOtherClearance(above60, 75)).toBe(false);
    expect(speaksOfOtherClearance('Creatinine clearance is calculated from serum creatinine.', 45)).toBe(false);
    const two = 'Doses differ for a creatinine clearance of 30–39 mL/min and a creatinine clearance of 40–49 mL/min.';
    expect(speaksOfOtherClearance(two, 35)).toBe(false);
    expect(speaksOfOtherClearance(two, 55)).toBe(true);
  });

  it('reads a value between whole numbers in the lower, more cautious band', () => {
    // 60.5 is not "above 60" as the label's table is read: it belongs to 50–60.
    expect(speaksOfOtherClearance('With a creatinine clearance above 60 mL/min, the dose is 4 mg.', 60.5)).toBe(true);
    expect(speaksOfOtherClearance('With a creatinine clearance below 30 mL/min it is not recommended.', 29.96)).toBe(false);
  });
});

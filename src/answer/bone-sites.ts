// Radiotherapy schedules are written for spinal or for non-spinal bone metastases ("…for conventional
// re-irradiation of spinal bone metastases"): a question about a rib is answered with the schedules for
// bones outside the spine, never those for the spine.

export type BoneSite = 'spinal' | 'non-spinal';

// "Back" alone is not the spine: "if the rib pain comes back".
const SPINAL = /(?<!non-)\b(?:spine|spinal|vertebra\w*|sacrum|sacral|[tlc]\d{1,2}|(?:my|her|his|the|lower|upper|mid|middle) back|back pain)\b/i;
const NON_SPINAL = /\bnon-spinal\b|\b(?:ribs?|hips?|femurs?|femoral|thighs?|humerus|arms?|pelvis|pelvic|shoulders?|sternum|skull|tibia|shin|clavicle|collarbone|scapula|acetabulum)\b/i;

/** The site a question speaks of, when it names bones of only one kind. */
export function boneSiteOf(question: string): BoneSite | undefined {
  const spinal = SPINAL.test(question);
  const nonSpinal = NON_SPINAL.test(question);
  if (spinal === nonSpinal) return undefined;
  return spinal ? 'spinal' : 'non-spinal';
}

// A schedule in grays for one kind of site: "…24 Gy in 6 fractions for non-spinal bone metastases".
const GIVES_GRAYS = /\bGy\b/;
const FOR_SPINE = /\bspinal (?:bone )?(?:metastases|lesions?)\b/i;
const FOR_OTHER_BONES = /\bnon-spinal (?:bone )?(?:metastases|lesions?)\b/i;

/** Whether a sentence gives a radiotherapy schedule only for the other kind of site than the case's. */
export function givesScheduleForOtherSite(text: string, site: BoneSite): boolean {
  if (!GIVES_GRAYS.test(text)) return false;
  const forSpine = FOR_SPINE.test(text.replace(FOR_OTHER_BONES, ''));
  const forOtherBones = FOR_OTHER_BONES.test(text);
  return site === 'non-spinal' ? forSpine && !forOtherBones : forOtherBones && !forSpine;
}

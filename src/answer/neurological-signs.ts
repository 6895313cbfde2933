// Advice on spinal metastases is written for people with neurological symptoms or signs (16 mg of
// dexamethasone at once) or without them (no routine steroids): a case that reports or denies them is
// answered by the advice written for it.

export type NeurologicalSigns = 'reported' | 'denied';

const WITHOUT_SIGNS = /\bwithout (?:any )?(?:new )?neurological (?:symptoms|signs|deficits?)\b/i;
// "\bwith " never matches inside "without".
const WITH_SIGNS = /\bwith (?:new )?neurological (?:symptoms|signs|deficits?)\b/i;

/** Whether a sentence states advice for people whose neurological signs are as the case's are. */
export function speaksOfCaseNeurology(text: string, signs: NeurologicalSigns): boolean {
  return signs === 'denied' ? WITHOUT_SIGNS.test(text) : WITH_SIGNS.test(text) && !WITHOUT_SIGNS.test(text);
}

import type { ConceptType, PriorQuestion } from '../domain/types.js';
import { askingSentences, LINES_OF_THERAPY, MEDICINE_TYPES } from '../question/analyze-question.js';
import type { ConceptMatcher } from '../question/concept-matcher.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';
import { correctedQuestion } from './corrected-detail.js';

/**
 * The slots of a question that a follow-up leaves out and expects carried over, or replaces:
 * "what about denosumab?" replaces the treatment, "and for premenopausal women?" the population.
 * A marker (PD-L1, BRCA) refines a subtype rather than replacing it.
 */
export type Slot = 'treatment' | 'subtype' | 'marker' | 'topic' | 'trial' | 'setting' | 'population' | 'value';

export type Entity = { slot: Slot; canonical: string; surface: string; start: number; end: number };

export type FollowUpRewriter = {
  /** The message as a standalone question, from the conversation so far. */
  rewrite(history: readonly PriorQuestion[], message: string): string;
  /** The concepts and stated values a text names, as slots, in reading order. */
  entities(text: string): Entity[];
  isElliptical(message: string): boolean;
};

const SLOT_OF_TYPE: Record<ConceptType, Slot> = {
  drug: 'treatment',
  'drug-class': 'treatment',
  procedure: 'treatment',
  subtype: 'subtype',
  biomarker: 'marker',
  condition: 'topic',
  measure: 'topic',
  trial: 'trial',
  setting: 'setting',
  population: 'population',
};

// A bound on a value: "below 30", "> 60".
const BOUND = String.raw`<|>|≤|≥|below|above|under|over|less than|more than`;

// Values stated in a question ("creatinine clearance of 45 mL/min", "a 68-year-old") are kept as written.
const VALUES = [
  // "CrCl drops to 25", "her CrCl is now 25": a value told as a change is still the value.
  // …and "eGFR drifted 70 -> 48": a value told as going from one figure to another is read whole.
  /(?:creatinine clearance|CrCl|eGFR)\s*(?:of|is now|is|was|now|=|:|(?:drops|dropped|falls|fell|goes down|went down|comes down|came down|rises|rose|goes up|went up|gets|got|drifted|drifted down|slipped) to|down to|up to|(?:has\s)?(?:drifted|drifted down|slipped|fallen|dropped|declined|fell|gone down|gone from|went from)(?:\sfrom)?)?\s*(?:about|around|approx\.?|approximately|roughly|~)?\s*(?:<|>|≤|≥|below|above|under|over)?\s*\d+(?:\.\d+)?(?:\s*(?:->|-->|→|=>|to)\s*\d+(?:\.\d+)?)?\s*(?:mL\/min(?:\/1\.73\s*m2)?)?/gi,
  // "Ca" only with a calcium unit: "breast ca" is the cancer.
  // …or corrected, which no cancer is: "corrected calcium 3.3", "adjusted Ca 3.42".
  /(?:(?:albumin-)?corrected\s+|adjusted\s+)(?:calcium|ca)\s*(?:of|is|was|=|:)?\s*\d+(?:\.\d+)?(?:\s*(?:mmol\/L|mg\/dL))?|(?:calcium|ca)\s*(?:of|is|was|=|:)?\s*\d+(?:\.\d+)?\s*(?:mmol\/L|mg\/dL)/gi,
  // …or "calcium" in full with a figure a calcium level can be ("calcium still 3.3 on day 4"), not a supplement's milligrams.
  /\bcalcium\s+(?:(?:is|was|still|now|of|at|=|:)\s*){0,2}(?:\d\.\d{1,2}|1\d(?:\.\d)?)(?![\d.])(?!\s*(?:mg|mcg|micrograms?|iu|units?|tablets?)\b)/gi,
  // A serum creatinine: "creat was 0.8", "creatinine 1.4 mg/dL".
  /\b(?:serum\s+)?creat(?:inine)?\s*(?:(?:of|is|was|now|=|:)\s*){0,2}\d+(?:\.\d+)?(?:\s*(?:mg\/dL|umol\/L|µmol\/L))?(?![\w.])/gi,
  /\d{1,3}[\s-]year[\s-]old/gi,
  // A temperature keeps its decimal: 38.5 is not 38, and 37.9 is not 37.
  /\b(?:temperature|temp)\s*(?:(?:of|is|was|now|at|=|:)\s*){0,2}\d{2}\.\d(?:\s*(?:°\s*C|degrees))?(?![\d.])/gi,
  // A neutrophil count: "ANC 1,300/mm3", "neutrophils 0.8".
  /\b(?:ANC|absolute neutrophil count|neutrophil count|neutrophils|neuts)\s*(?:of|is|was|=|:)?\s*\d[\d,]*(?:\.\d+)?(?:\s*(?:\/mm3|\/ul|x\s?10\^?9\/l))?/gi,
  // A bare bound ("and below 30?") restates the value the conversation is about, so it replaces it.
  // A share ("<50% of the body") is not a measured value, nor is the head of an arrow ("70 -> 48") or a time ("over 6 months").
  new RegExp(String.raw`(?<![\w.=-])(?:${BOUND})\s*\d+(?:\.\d+)?(?:\s*mL\/min)?(?![\w.%])(?!\s*(?:years?|yrs?|months?|mths?|weeks?|wks?|days?|hours?|hrs?)\b)`, 'gi'),
];

const MEASURE_NAME = /^(?:creatinine clearance|CrCl|eGFR|(?:albumin-|adjusted\s+)?(?:corrected\s+)?(?:calcium|ca\b))/i;
const BARE_BOUND = new RegExp(`^(?:${BOUND})`, 'i');
// "If they're 0.4", "if it's 28": a pronoun standing for a reading told again with a new value.
// A new value told after a pronoun: " 0.4", " now 28", but not " 3 weeks" (a time, not a reading).
const VALUE_TOLD = String.raw` (?:now |only |down to |up to |at )?[<>≤≥]?\s?\d+(?:[.,]\d+)?(?![\d.,])(?!\s*(?:weeks?|days?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|times?|am|pm)\b)`;
const PRONOUN_BEFORE_VALUE = new RegExp(String.raw`\b(they|it)('re|’re|'s|’s| are| is| was| were)(?=${VALUE_TOLD})`, 'i');
// The readings a question can tell a value of.
const READING_NAMED = /\b(?:neutrophil count|neutrophils|ANC|platelet count|platelets|creatinine clearance|CrCl|eGFR|corrected calcium|calcium|haemoglobin)\b/i;

// A message that starts like this continues the previous question.
// "Does it make a difference if it's hormone positive?": the question before, asked of what follows.
const LEAD_IN = /^(?:(?:and |but |so )?(?:does|would|will) (?:it|that|this) make (?:a|any) diff?e?rence (?:if|when|for)(?: (?:it'?s|it is|she'?s|he'?s|i'?m|she is|he is|i am|the cancer is))?|(?:and |but |so )?(?:is|would) (?:it|that|this) (?:be )?(?:any )?different (?:if|when|for)(?: (?:it'?s|it is|she'?s|he'?s|i'?m|she is|he is|i am|the cancer is))?|and what about|and how about|what about|how about|and for|and in|and with|and|also|but|or|plus|then|so|same for|same question for|is that also true for|is it the same for|does that apply to|does the same apply to|does this apply to|is that true for)\b[\s,]*/i;
const CONTINUATION_START =
  /^(?:what if|how often|how long|how much|how many|how soon|for how long|is it|are they|is this|is that|does it|do they|can it|can they|should it|should they|will it|what dose|which dose|what is the dose|what are the side effects|any side effects|side effects|when|why|who was|who were|what did|which ones|what should i do|what should we do|tx|treatment|dose|doses|dosing|schedule)\b/i;
// "Does that apply to…", "is that true for…": whether what was said holds for someone else.
const APPLIES_BACK = /^(?:is that also true for|is it the same for|does that apply to|does the same apply to|does this apply to|is that true for)\b/i;
// Words that point back at the previous question without naming anything.
const BACK_REFERENCE =
  /(?<![\w-])(?:the same(?: (?:site|bone|area|place|dose|drug|medicine|treatment|thing))?|the dose|the next dose|instead|as well|too|again|in that case|that trial|this trial|the trial|that study|this study|the study|if that happens|that happens|one of those|those ones|any other options?|other options?|what else|anything else|the risk|that risk|this risk|you mentioned|you said|you talked about|the day after|the next day|afterwards|after each one|after each session)(?![\w-])/i;
const PRONOUN = new RegExp(
  String.raw`(?<![\w-])(?:the (?:first|second|other|last) one|(?:those|these) (?:tablets|pills|injections|jabs|drips|infusions)|which ones?|(?:which )?of (?:those|these|the) two|those two|these two|both of them|either of them|either one|it(?!(?:'s|’s| is| was)${VALUE_TOLD})|its|they(?!(?:'re|’re| are| were)${VALUE_TOLD})|them|their|(?:that|this)(?! (?:started|starts|stopped|stops) (?:happening|to happen))(?= (?:is |was |be |gets? )?(?:usually |normally |typically |generally |still )?(?:given|taken|continued|stopped|started|infused|injected)\b)|(?<=\b(?:take|taking|have|having|continue|continuing|give|giving|start|starting|stop|stopping|be on|stay on|stays on|staying on|keep on|kept on) )(?:that|this)(?= ?[?.!,]|$| for\b)|(?<=\b(?:keep|keeping|kept) )(?:that|this|it)(?= going\b)|(?<=\b(?:manage|managing|managed|treat|treating|treated|cause|causing|caused) )(?:that|this)(?= ?[?.!,]|$)|this drug|that drug|this medicine|that medicine|this medication|that medication|this treatment|that treatment|this one|that one|these drugs|those drugs|these medicines|the drug|the medicine|the same drug|that trial|this trial|the trial)(?![\w-])`,
  'gi',
);
// ("If they're 0.4?", "if it's 28?": a value told again is of the reading measured before, not of the medicine: no pronoun to resolve.)
// "They" doing what clinicians do is the care team, not the medicine ("how do they treat it in hospital?").
// "It" after a verb of taking or giving is a treatment, whatever else the message speaks of ("can I have it
// again if it comes back?": the radiotherapy, then the pain).
// "Get it" and "stop it" are left out: "what if I get it again?" is the condition.
const TREATMENT_VERB_BEFORE = /\b(?:have|having|take|taking|give|giving|repeat|repeating|restart|continue|reduce|reducing|lower|lowering|adjust|adjusting|increase|increasing|halve|withhold|withholding)\s+$/i;
// Being "on it" is being on a treatment: "and if I get a temperature on it?", "while she's on it";
// what is walked, stood or lain on is the body ("can she walk on it?" after a broken hip).
const ON_TREATMENT_BEFORE = /\b(?:while|whilst|when|still|be|been|being|stay|stays|staying|i'?m|she'?s|he'?s|am|is|are|temperature|temp|fever)\s+on\s+$/i;
// "2 cycles in now and she's got a dry cough": a harm told with time on treatment is the treatment's.
// A form said just before a medicine's name: "the injection, Xgeva", "the tablets - palbociclib".
const FORM_BEFORE_NAME = /\b(?:the|my|her|his) (?:injections?|jabs?|drips?|infusions?|tablets?|pills?)(?:,\s*|\s+-\s+|\s+)/i;
// A medicine spoken of without its name: "I was sick after my tablet", "should I take another dose?".
const UNNAMED_TABLET = /\b(?:my|her|his|the|this|that|today's|this morning's) (?:tablets?|pills?|capsules?)\b|\banother (?:dose|tablet|pill|capsule)\b/i;
const TIME_ON_TREATMENT = /\b(?:\d+|one|two|three|four|five|six|a few|few|a couple of)\s+(?:cycles?|doses?|infusions?|drips?|weeks?|months?)\s+in\b|\bsince (?:starting|she started|he started|i started)\b/i;
// "The dentist wants to pull it": what is pulled or filled is a tooth, not a medicine.
const TOOTH_WORK_BEFORE = /\b(?:pull|pulls|pulling|pulled|extract|extracts|extracting|extracted|fill|fills|filling|filled)\s+$/i;
// "What would I notice if it did?": "it" stands for what the message says may happen, not a thing named before.
const IT_HAPPENS_AFTER = /^\s+(?:did|does|happened|happens|happen)\b/i;
const ON_THE_BODY_BEFORE = /\b(?:walk|walks|walking|stand|stands|standing|weight|lie|lies|lying|sleep|sleeps|sleeping|lean|leans|leaning|kneel|kneeling|press|pressing)\s+on\s+$/i;
const CARE_TEAM_VERB = /^\s+(?:usually |normally |often |ever |always |keep |keeps |kept |be |will be |going to be )?(?:(?:didn'?t|don'?t|won'?t|wouldn'?t|haven'?t|never|did not|do not|will not) )?(?:have |had )?(?:stopped|prevented|fixed|caught|spotted|restart|restarts|resume|resumes|treat|treats|treating|give|gives|giving|do|does|doing|check|checking|test|testing|scan|scanning|decide|monitor|monitoring|measure|say|said|saying|tell|told|telling|call|want|wanted|put|admit|send|offer|recommend|advise|ask|asking|gave|prescribe|prescribed|started|found|think|thought|suggest|suggested|mentioned|biopsied|know|knew|work|worked|figure|figured|calculate|calculated|score|scored|come up with|get rid of|cure|remove|take out|operate|operated|fix)\b/i;
// "Just done it again and it's 38.1": what is done or checked again is the reading, not a medicine.
const BROUGHT_BEFORE = /\b(?:bring|brings|bringing|brought|get|gets|getting|got|lower|lowers|lowering|reduce|reduces|reducing)\s+$/i;
const MEASURED_IT_BEFORE = /\b(?:done|did|redone|redid|checked|checking|check|rechecked|re-checked|measured|measuring|measure|remeasured|monitoring|monitor|testing|test)\s+$/i;
// "Are they safe with it?": what is beside the treatment just named is another one.
const BESIDE_BEFORE = /\b(?:with|alongside|and|plus|on|after|before|from|to|than)\s+$/i;
// What "it" does next, when it opens a clause: "…and it makes him constipated".
const IT_DOES_AFTER = /^\s+(?:makes?|made|gives?|gave|causes?|caused|keeps?|kept|leaves?|left)\b/i;
// "Is that the drug?", "could it be the medicine?": whether a treatment causes what was told.
const THE_MEDICINE = /^(?:the|this|that) (?:drug|medicine|medication|treatment)$/i;
const ASKS_IF_IT_IS_BEFORE = /\b(?:is|was|could|might) (?:that|it|this)(?: be)?\s+$/i;
// "Tell them", "ask them": people, not medicines.
// …and who is bothered or troubled: "I don't want to be bothering them over a sniffle".
const PEOPLE_VERB_BEFORE = /\b(?:tell|telling|told|ask|asking|asked|call|calling|ring|ringing|phone|phoning|show|showing|let|bother|bothering|trouble|troubling|pester|pestering|waste|wasting)\s+$/i;
// "It's" (or "it is") points at a treatment only when it says what a treatment is ("it's safe", "is it given
// monthly" is another form); "what if it's just his back pain?", "it's 38.3 now but it's 2am", "if it is that
// thigh bone thing" point at nothing named. "Its" typed for "it's" is told from the possessive ("its side
// effects") by what follows it; "can it wait?" and "see if it comes down" are the matter in hand.
const IT_IS_AFTER = /^(?:'s|’s| is)\s+(\S+)/i;
// "Is it normal that my back hurts more at night?", "is it bad if I miss one?": "it" holds the place of what follows.
// "Is it normal to be this constipated?" too; "is it safe to take with letrozole?" asks about the medicine.
// "And if it's higher, say 3.6?", "what if it was 3.6?": the same question with another figure (group 1).
// "And if grade 2?", "what if it's stage 3 instead?": the question before, asked of another grade or stage.
const GRADE_TOLD_AGAIN = /^(?:and |but |so )?(?:what )?if (?:it's |it is |its |it was |it were |she's |she is |he's |he is |it becomes |it goes to |they're |they are )?(?:a |at )?(grade|stage) ([0-4])(?: instead)?\s*[?.!]*$/i;
const VALUE_TOLD_AGAIN = /^(?:and |but |so )?(?:what )?if (?:it's|it is|its|it was|it were|it gets to|it goes up to|it comes back at|it comes back as)\s*(?:(?:even )?(?:higher|lower|worse|more|less|up|down),?\s*)?(?:(?:say|like|at|to|of|about|around)\s+)?(\d+(?:\.\d+)?)\s*(?:mmol\/l|mg\/dl|ml\/min)?\s*\??$/i;
// The one value told before, corrected, and perhaps a question after it: "sorry, misread - it's 3.3. what does she
// need?", "correction: the ANC is 850". Only a number with no other unit is a correction of the value ("it was 3 weeks ago" is not).
const VALUE_CORRECTED =
  /^(?:sorry|correction|oops|my mistake|my bad|apologies|typo|misread|i misread|actually|wait|hang on)\b[^0-9?]{0,40}?\b(?:it's|it is|its|it was|was|is|should be|should have been|should read|i meant|meant)\s+(\d[\d,]*(?:\.\d+)?)\s*(?:mmol\/l|mg\/dl|ml\/min|\/mm3|\/ul)?(?!\w|\.\d|\/)\s*[.,;:!-]*\s*([^]*)$/i;
// A follow-up narrowing the question before to one of its medicines, or to one thing about them: "that's not what I
// asked, I meant the tablets - just the palbociclib", "only the side effects please", "just the dosing please".
const NARROWED =
  /^(?:(?:no|sorry|oops|nope)\b[,.!]?\s*)?(?:(?:that'?s|thats|that is) not what i (?:asked|meant|wanted)\b[,.!]?\s*)?(?:i meant\b[^-–,.]*[-–,.]\s*)?(?:just|only)\s+(?:the\s+)?([^.?!;]+?)(?:,?\s+please)?(?:\s*[-–,.;!]\s*([^]*))?$/i;
const NARROWED_TO_HARMS = /^(?:side[\s-]effects?|risks?)$/i;
const NARROWED_TO_DOSE = /^(?:dos(?:e|es|ing)|dose and schedule)$/i;
// A figure in a value as written: "1,300", "2.9".
const FIGURE = /(?<![\w.,])\d[\d,]*(?:\.\d+)?(?!\w)/g;
// …"how long has she got?", "does that mean she's got 3 years left?".
// …and whether it can be cured: "can this be cured or not?" asks of the disease, not of the tablets named before.
const ASKS_OWN_OUTLOOK =
  /\b(?:can|could|will) (?:this|it|mine|my cancer|the cancer) (?:ever )?be cured\b|\bis (?:this|it|mine) curable\b|\bhow long (?:do|does|will|would|can|could|might) (?:people|women|men|patients|someone|somebody|i|we|she|he|they|mum|dad)\b[^.?!]{0,40}\b(?:live|survive)\b|\bhow long (?:has|have|is|does|do) (?:she|he|i|we|they|mum|dad|my mum|my dad)\s+(?:got|have|has)\b|\b(?:years?|months?|weeks?) left\b/i;
const IT_HOLDS_PLACE_AFTER =
  /^(?:\s+(?:(?:normal|common|usual|unusual|possible|true|likely)\s+(?:that|if|when|for|to)|(?:bad|serious|dangerous|a problem|a worry|something to worry about)\s+(?:that|if|when|for))|(?:['’]ll|['’]d|\s+will|\s+would)\s+be\s+(?:my|her|his|our|your|their)\s+fault)\b/i;
const TYPED_IT_IS_AFTER = /^\s+(?:\d|(?:a|an|the|her|his|my|their|our|in|all|everywhere|just|only|still|not|so|very|really|actually|definitely|maybe|too|getting|going|been|now|probably|nothing|because|normal|worth|likely|time|possible|ok|okay|fine|alright|bad|worse|better|safe|dangerous|serious|sore|painful|that|this|out|over|done|gone|back|happening|growing|spreading|working)\b)/i;
const STATE_OF_TREATMENT = /^(?:safe|ok|okay|alright|dangerous|harmful|effective|needed|necessary|given|used|taken|licensed|approved|available|suitable|recommended)\b/i;
const IT_WAITS_AFTER = /^\s+(?:wait|comes down|come down|goes down|go down|goes up|settles|settle|passes|pass|clears|gets better)\b/i;
// "Is it ok for husband to drive her in?": "it" holds the place of what someone does, not a treatment.
const IT_FOR_SOMEONE_AFTER = /^\s+(?:ok|okay|alright|all right|safe|fine|wise|better)\s+for\s+(?:\S+\s+){1,2}?to\b/i;
// "If it shows the ESR1 one", "if it comes back positive": a test's result, not a treatment.
const IT_REPORTS_AFTER = /^\s+(?:shows|showed|says|said|finds|found|comes back|came back|picks up|picked up)\b/i;
// "Has it in her spine too", "does it still count?", "now it hurts much more when I walk": the disease, the
// situation or the sore place, not a medicine.
const IT_IS_THE_DISEASE_AFTER =
  /^\s+(?:in (?:her|his|my|their|the|your) (?:spine|bones?|back|hips?|pelvis|ribs?|liver|lungs?|brain|neck)|(?:still |also )?(?:count|counts|apply|applies)|(?:still |now |really )?(?:hurts|hurting|aches|aching|throbs|throbbing)|(?:wakes|woke|keeps) (?:me|her|him|them) (?:up|awake)|(?:is|feels) (?:(?:so|very|really|much) )?(?:sore|painful|tender|worse))\b/i;
// "Finding it hard to swallow", "could it be his calcium?", "see if it breaks", "so it might not even be
// cancer?": "it" is no treatment.
const IT_IS_NO_TREATMENT_AFTER =
  /^\s+(?:(?:(?:really|very|so|quite|too|a bit|a lot)\s+)?(?:hard|harder|difficult|easy|easier|impossible|tough|awkward)\s+to|be|breaks|broke|breaking|break|fractures|fracturing|snaps|snapping|cracks|cracking|(?:might|may|could|would|must)\s+(?:not\s+)?(?:even\s+)?be\s+(?:cancer|the cancer|nothing|something else|benign|normal|a cyst|an infection|arthritis))\b/i;
// "I've muddled it", "mixed it up": the person's own question, corrected.
const MIXED_UP_BEFORE = /\b(?:muddled|mixed|mix|mixing|confused|confusing)\s+$/i;
const VALUE_MOVES_AFTER = /^\s+(?:comes down|come down|goes down|go down|goes up|go up|goes over|go over|goes above|go above|gets to|get to|hits|reaches|drops|falls|fell|rises|settles)\b/i;
// Readings a conversation tells as values, which a later "it" can stand for.
const MEASURED = /\b(?:temperature|temp|calcium|creatinine clearance|crcl|egfr|creatinine)\b/i;

/** A reading as a follow-up names it again: "the temperature", "the calcium", "the CrCl". */
function readingName(reading: string): string {
  if (/^temp$/i.test(reading)) return 'temperature';
  return /^(?:crcl|egfr)$/i.test(reading) ? reading : reading.toLowerCase();
}

/** Whether a position in the text falls inside an open bracket. */
function insideBrackets(text: string, position: number): boolean {
  const before = text.slice(0, position);
  return before.lastIndexOf('(') > before.lastIndexOf(')');
}

/** Whether a name is plural by its head noun: "bone metastases", "bone mets", not "cancer in her bones". */
function namedInPlural(name: string): boolean {
  const head = name.split(/\s(?:in|to|of|into|from|that|which|with|has|have)\s/i)[0]!.trim();
  return /s$/i.test(head);
}

/** Whether a pronoun "it" or "its" stands for nothing named: "it's just…", "its 38.3 now", "can it wait?". */
// A pronoun that stands for one thing.
const SINGULAR = /^(?:it|its|that|this)$/i;

function pointsAtNothing(pronoun: string, after: string): boolean {
  if (/^its$/i.test(pronoun)) return TYPED_IT_IS_AFTER.test(after) && !STATE_OF_TREATMENT.test(after.trimStart());
  if (!/^it$/i.test(pronoun)) return false;
  if (IT_HAPPENS_AFTER.test(after) || IT_WAITS_AFTER.test(after) || IT_FOR_SOMEONE_AFTER.test(after) || IT_REPORTS_AFTER.test(after) || IT_IS_THE_DISEASE_AFTER.test(after) || IT_IS_NO_TREATMENT_AFTER.test(after) || IT_HOLDS_PLACE_AFTER.test(after)) return true;
  const stated = IT_IS_AFTER.exec(after);
  return stated !== null && !STATE_OF_TREATMENT.test(stated[1]!);
}

/** Whether a pronoun in the text can point at something said before: not the "it" of "is it normal that…". */
function pointsBack(text: string): boolean {
  PRONOUN.lastIndex = 0;
  for (let match = PRONOUN.exec(text); match; match = PRONOUN.exec(text)) {
    if (!pointsAtNothing(match[0], text.slice(match.index + match[0].length))) {
      PRONOUN.lastIndex = 0;
      return true;
    }
  }
  return false;
}

// A message asking how a treatment is given, taken or tolerated: its "it" can be a treatment only the last answer named.
const TREATMENT_ASKED = /\b(?:dose|doses|dosing|given|give|take|taking|taken|side effects?|how long (?:on|for)|how often|infus\w*|inject\w*|start(?:ed|ing)?|stop(?:ped|ping)?|continu(?:e|ed|es|ing)|(?:be|stay|stays|staying|keep|kept) on)\b/i;
// "Can I take…?", "is she allowed…": a medicine asked to be taken, not asked about.
// A harm put down to someone it was caught from: "a dry cough from her grandson", "caught a cold".
const CAUGHT_FROM_SOMEONE = /\b(?:from|off) (?:her|his|my|our|the) (?:grand\w*|kids?|children|son|daughter|husband|wife|partner|friend|colleague|nursery|school)\b|\bcaught (?:a |the )?(?:cold|bug|virus|chest infection)\b/i;
// "I also take phenytoin for epilepsy, is that ok?": whether what is told goes with the treatment.
const ASKS_IF_THAT_IS_OK = /\b(?:is|would|will) (?:that|it|this) (?:be )?(?:ok|okay|safe|alright|all right|a problem|an issue)\b|\bany (?:issues?|problems?|concerns?|interactions?)\b/i;
// What a medicine is taken for follows it: "…HRT for the hot flushes".
const TAKEN_FOR = /\bfor (?:the |her |his |my |their |a |an )?$/i;
// The medicine taken, pointed at: "while I'm on them", "with it".
const ON_THEM = /\b(on|with|taking)\s+(?:it|them)\b/i;
// "What about…", "how about…": the question before, asked of something else.
const WHAT_ABOUT = /^(?:and )?(?:what|how) about\b/i;
// A time or circumstance: "during my week off", "while she's in hospital", "after the drip".
const WHEN_OR_WHILE = /^(?:during|while|whilst|when|after|before|on (?:my|her|his|the) (?:days?|weeks?) off)\b/i;
// A question answered yes or no: "Can I take…?", "Should she stop…?".
const YES_NO_QUESTION = /^(?:can|could|should|may|is|are|does|do|will|would)\b/i;
const ASKS_TO_TAKE = /\b(?:can|could|may|should) (?:i|she|he|we|they) (?:take|have|use|try|start)\b|\b(?:is|am) (?:i|she|he) (?:allowed|ok|okay|safe) to (?:take|have|use)\b/i;
// "…on ribociclib", "I'm taking letrozole": a medicine the person takes.
const TAKEN_BEFORE = /\b(?:on|taking|takes|started|having)\s+(?:(?:my|her|his|the)\s+)?$/i;
// "And if it had been zoledronic acid?", "what if she was on letrozole?": another treatment swapped in.
const SWAPPED_IN = /^(?:what )?if (?:it|she|he|they) (?:had been|was|were)(?: on| given| taking)? (?!not\b)/i;
// Someone telling what they have: "she's had…", "I've got…", "mum has…".
const HARM_TOLD = /\b(?:i|she|he|they|mum|dad|my \w+)(?:'s|'ve|'m| has| have| had| is| am| got| keeps?)\b/i;
// A medicine taken besides the one before: "can I take ibuprofen as well?", "she's also been started on clarithromycin".
const ADDED_TO = /\b(?:as well|also|too|alongside|on top of (?:it|that|this))\b/i;
// A treatment said to replace another: "could we move her onto zol instead?", "switch to fulvestrant?".
const SWITCH = /\b(?:instead|switch(?:ed|ing)? (?:her |him |me |them )?(?:to|onto)|move (?:her|him|me|them) (?:on)?to|change (?:her|him|me|them) (?:on)?to)\b/i;
// "Those tablets", "the second one": a medicine the last answer may have named.
const MEDICINE_FORM = /\b(?:those|these) (?:tablets|pills|injections|jabs|drips|infusions)\b|\bthe (?:first|second|other|last) one\b/i;
// "Could the drip be causing it?", "how do we manage that?", "who should be looking after it?": what is
// caused, managed or looked after is the condition.
const CONDITION_VERB_BEFORE = /\b(?:manage|managing|managed|treat|treating|treated|cause|causing|caused|doing|looking after|look after|looks after|deal with|dealing with|sort|sorts|sorting|sorted|prevent|prevents|preventing|avoid|avoiding)\s+$/i;
// "How do we stop it happening?": what is stopped from happening is the condition, not the treatment.
const STOPPED_HAPPENING = { before: /\bstop(?:s|ping)?\s+$/i, after: /^\s+(?:from\s+)?(?:happening|coming back|getting worse)\b/i };
// "If that started happening", "if it starts to happen": a condition, not a treatment (group 1: the pronoun).
const STARTS_HAPPENING = /\b(that|this|it)(?= (?:started|starts|starting|begins|began|were to start|was to start) (?:happening|to happen)\b)/i;
// "The second one": which of the things named before, in the order they were named.
const ORDINAL = /^the (first|second|other|last) one$/i;
// Text ending in this names a treatment already given: "after trastuzumab and a …".
// A question tag: "is it?", "isn't it?", "does it?" ending a sentence that says something first.
const QUESTION_TAG_VERB = /\b(?:is|isn't|isnt|was|wasn't|wasnt|does|doesn't|doesnt|did|didn't|didnt|will|won't|wont|can|can't|cant)\s+$/i;
const QUESTION_TAG_AFTER = /^\s*[?!.]/;
// A reading brought down or lowered: "bring it down", "get it down", "it come down".
const BROUGHT_DOWN = /^\s+(?:back\s+)?down\b/i;
const TAG_CLAUSE_WORDS = 4;

/** Whether an "it" at the end of `before` is a question tag on a statement of its own ("…it's not a fever, is it?"). */
function isQuestionTag(before: string, after: string): boolean {
  if (!QUESTION_TAG_AFTER.test(after) || !QUESTION_TAG_VERB.test(before)) return false;
  const sentence = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf('?'), before.lastIndexOf('!')) + 1);
  return sentence.split(/\s+/).filter(Boolean).length > TAG_CLAUSE_WORDS;
}
const GIVEN_BEFORE = /\b(?:after|following|beyond|prior|previous|previously treated with|progression on|progressing on)\s+(?:\S+\s+){0,3}$/i;
// The words joining one item of a list to the next: "pertuzumab, trastuzumab and docetaxel".
const LIST_JOIN = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|\+\s*|&\s*|plus\s+)$/i;

/** Whether every treatment named was given before ("progressed after first-line pertuzumab, trastuzumab and docetaxel"), a list counting as one. */
function allGivenBefore(text: string, treatments: readonly Entity[]): boolean {
  let given = false;
  let end = 0;
  return (
    treatments.length > 0 &&
    [...treatments]
      .sort((a, b) => a.start - b.start)
      .every((entity) => {
        given = GIVEN_BEFORE.test(text.slice(0, entity.start)) || (given && LIST_JOIN.test(text.slice(end, entity.start)));
        end = entity.end;
        return given;
      })
  );
}
// Words that say which earlier thing a pronoun stands for.
// A question about warning signs, and a pronoun a follow-up uses for them ("if she gets them", "notices any of those").
const SIGNS_ASKED = /\b(?:warning signs?|red flags?|signs|symptoms)\b/i;
const SIGNS_PRONOUN = /\b(gets?|getting|has|have|having|notices?|noticed|spots?|develops?|developed|sees?|saw)\s+(?:any of\s+)?(?:them|those|these|they)\b/i;
const TRIAL_WORD = /\b(?:trial|study|studies)\b/i;
// Words that ask about a trial: its design, population, results or reach.
const TRIAL_QUESTION = /\b(?:trials?|study|studies|show|showed|shown|find|found|results?|eligible|eligibility|enrol\w*|included|include|who was in|who were in|arms?|endpoints?|hazard ratio|pfs|os|survival|benefit|population|apply|applies|counted|defined|definition|sres?|how many)\b/i;
// "What counted as an SRE in it?" after a trial asks what happened in the trial.
const IN_IT = /\bin (?:it|that|that one|this)\b/i;
const ONSET_WORD = /\b(?:develops?|developed|happens?|happened|occurs?|occurred|gets? worse|comes? back|returns?|spreads?|shows? up|appears?|kicks? in)\b/i;
// Calling someone about "it" is about the symptom or condition, not the medicine: "when should we ring someone about it?".
const CALL_ABOUT_IT = /\b(?:ring|call|phone|contact|see|tell)\b(?:\s+\S+){0,2}\s+about\s+it\b|\b(?:help|helps|ease|eases|relieve|relieves|settle|settles|sort|control|controls)\s+it\b/i;
// Words a bare "what about X?" may hold besides the entities themselves.
// The words around a treatment swapped in ("if it had been the denosumab injection instead").
const SWAP_WORDS = new Set(['it', 'she', 'he', 'they', 'on', 'given', 'taking', 'had', 'been', 'was', 'were', 'injection', 'drip', 'tablets', 'jab', 'infusion']);
const FILLER = new Set(['for', 'in', 'with', 'the', 'a', 'an', 'of', 'on', 'instead', 'then', 'and', 'or', 'women', 'woman', 'people', 'those', 'who', 'are', 'is', 'case', 'cases', 'patients', 'patient', 'disease', 'cancer', 'breast', 'tumours', 'tumors', 'having', 'someone', 'if', 'she', 'he', 'has', 'have', 'about', 'now', 'also', 'does', 'do', 'same', 'apply', 'to', 'that', 'this', 'what', 'how', 'was', 'were', 'be', 'been', 'her', 'his', 'him', 'my', 'their']);
// A question whether what was said before holds here too.
const SAME_AS_BEFORE = /\b(?:the same|same answer|same thing|same for|same again|still apply|still true|also true|also apply)\b/i;
const SHORT_MESSAGE_WORDS = 5;
// "What does letrozole do?", "what is zol for?", "how does olaparib work?", "what's denosumab?".
const WHAT_IT_IS = /^(?:what(?:'s|s| is| are| does| do)|how (?:does|do))\b/i;
const WHAT_IT_IS_WORDS = new Set(['what', "what's", 'whats', 'is', 'are', 'does', 'do', 'how', 'for', 'work', 'actually', 'exactly']);
// A short question asking what to give or use: "what should I give to prevent rebound?".
const TREATMENT_WANTED = /\b(?:what|which)\b.*\b(?:give|prescribe|use|offer|start)\b/i;
const SHORT_FOLLOW_UP_WORDS = 9;
const STOPPED_BEFORE = /\b(?:stop|stops|stopping|stopped|come off|coming off)\b/i;
// What a conversation says of the person lasts beyond the turn that said it, this many turns back.
const LASTING_SLOTS: ReadonlySet<Slot> = new Set(['subtype', 'population', 'setting']);
const LASTING_TURNS = 3;
// Concepts named by the person who provides them: "the dentist says", "her surgeon".
const PERSON_NAMED = /^(?:dentist|dentists|surgeon|surgeons|oncologist|oncologists|radiotherapist|orthopaedic surgeon|orthopedic surgeon|bone surgeon|spine surgeon|spinal surgeon)$/i;
// A message that asks, though it has no question mark ("what about denosumab", "can she have it"), or proposes
// what to do ("switch to zol", "try abemaciclib").
const ASKS = /^(?:what|how|why|when|where|which|who|can|could|should|would|will|is|are|does|do|did|any|tell me|explain|switch|swap|change|move|try|start|stop|give|use|restart|resume)\b/i;
// A follow-up about another relative than the one asked about before: "and my sister…", "what about my aunt?".
const ANOTHER_RELATIVE = /^(?:and|but|also|what about|how about)?\s*(?:my|our)\s+(?:sister|brother|aunt|auntie|uncle|cousin|friend|niece|nephew|neighbour|neighbor)\b/i;
// A follow-up about the writer's own case after questions about a relative.
const WRITER_OWN_CASE = /\bwhat about me\b|\bdiagnosed\b[^.?!]{0,40}\bmyself\b|\bi(?:'ve|ve| have)? (?:just |also |now )?been diagnosed\b|\bi was (?:just |also )?diagnosed\b|\bmy own (?:cancer|diagnosis|breast cancer)\b/i;
const CARRIED_TO_WRITER: ReadonlySet<Slot> = new Set(['marker', 'treatment', 'trial']);
// Words for the person a conversation is about.
const PERSON = /\b(?:she|her|he|him|his|hers)\b/i;
// How a medicine is given, named in place of the medicine: "her last injection", "the drip", "those tablets".
const GIVEN_AS = [/\b(?:injections?|jabs?|shots?)\b/i, /\b(?:drips?|infusions?)\b/i, /\b(?:tablets?|pills?|capsules?)\b/i];

// "Why does hormone therapy work for my type?": the kind of breast cancer the conversation named.
const TYPE_NAMED_BACK = /\b(?:my|her|his|their|your|mum's|this|that) (?:type|kind|sort)(?: of (?:breast )?cancer)?\b/i;
// "What score means she needs a surgical opinion?", "she scores 9": the score the conversation named.
const SCORE_NAMED_BACK = /\bscores?\b(?:\s+(\d+(?:\.\d+)?))?/i;
const ENDS_WITH_SCORE = /\s+score$/i;
// "Why does the drip matter for a tooth?": the medicine given that way, named before.
const FORM_NAMED_BACK = /\bthe (?:drips?|infusions?|injections?|jabs?|tablets?)\b/i;
// "By the way…", "unrelated, but…", "side question -": a new subject, asked on its own.
const DIGRESSION = /^(?:(?:ok|okay|right|thanks|ok thanks|okay thanks)[,.!]?\s+)?(?:by the way|btw|unrelated|on another note|different question|side question|separate question|another thing|one more thing|(?:a |something )?(?:totally |completely |entirely )?(?:different|separate|unrelated) (?:thing|question|topic|subject)|changing the subject|change of subject|new question)\b/i;
// "Thanks", "ok great": nothing asked, nothing to carry.
const ACKNOWLEDGES = /^(?:(?:ok|okay|thanks|thank you|cheers|great|got it|understood|right|perfect|lovely|brilliant)[\s,.!]*)+$/i;
// "Going back to the injection, …", "back to the radiotherapy - …": a subject of an earlier turn, named again.
const RETURN_TO = /\b(?:go(?:ing)? back to|back to|coming back to|returning to)\s+(?:(?:the|her|his|my|your|our|their|that|this)\s+)?([\p{L}\p{N}/+-]+)/iu;

function formNamed(text: string): RegExp | undefined {
  return GIVEN_AS.find((form) => form.test(text));
}

// One more thing told about the person: a condition she also has, or a measurement ("her baseline QTcF is 470 ms").
const ALSO_HAS = /\b(?:also (?:has|had|have|got)|(?:has|had|have|got) also)\b/i;
// A test asked for before the treatment spoken of: "should she have DPD testing first?".
const BEFORE_IT = /\b(?:first|beforehand)\b/i;
// A test or treatment asked as what comes next in the care the turn before was about.
const COMES_NEXT = /\b(?:then|afterwards|after that|next|how (?:soon|quickly|fast|urgently))\b/i;
// A question asking how much of a medicine to give.
const DOSE_ASKED = /\b(?:what|which) dose\b|\bhow much\b|\bdose\?/i;
// A detail left out of the question before, or an answer to what the answer asked back.
const FORGOT_TO_SAY = /^(?:(?:oh|sorry|also|and|ah)[,]?\s+)?(?:(?:i\s+)?forgot to (?:say|mention)|i should (?:say|have said|add|mention)|should have said|i should've said|to add|for context|fyi)\b[\s,:-]*/i;
const ANSWERS_BACK = /^(?:no|yes|nope|yeah|yep|not yet|none)\b/i;
const TOLD_AS_PAST = /\b(?:years? ago|months? ago|before the cancer|back in|previously|in the past|last year|as a child)\b/i;
// …or a scan or a report telling one more finding ("restaging MRI also shows a single brain met").
const ALSO_SHOWS = /\balso (?:shows?|showed|found|finds|reveals?|revealed|has shown)\b/i;
// …or a detail a score is made of, told after a question about the score ("it's involving more than two
// thirds of the cortex" after "what's the Mirels score?", "30% vertebral body collapse, alignment normal").
const SCORE_DETAIL = /\b(?:cortex|cortical|collapse|alignment|posterolateral|subluxation|kyphosis|kyphotic|lytic|blastic|sclerotic|mechanical pain|functional pain)\b/i;
// …or the score itself ("I make her SINS 9").
const TOLD_SCORE = /\b(?:sins|mirels)\b[^.?!\d]{0,16}\d/i;
const ASKS_A_SCORE = /\b(?:mirels|sins|spinal instability|fracture risk|stability)\b/i;
// Asking whether a fact just told changes what was said before.
const ASKS_IF_IT_CHANGES =
  /(?:,|-|–|\.)?\s*(?:so\s+)?(?:does (?:that|this|it) (?:matter|change (?:anything|things|that|it))|(?:is it|is (?:that|this)|would it be)?\s*still (?:worth (?:giving|it|doing|having)|ok|okay|safe|fine|the same)|(?:is it |the )?same dose|any change|does (?:that|this|it) make a difference|what changes)\s*\??\s*$/i;
// "she's 83": an age told about the person.
const AGE_TOLD = /\b(?:she's|he's|she is|he is|i'm|i am|aged?)\s+\d{2}\b/i;
const MEASURED_FACT = /\b\d+(?:\.\d+)?\s*(?:ms|mmol\/l|mg\/dl|ml\/min|g\/l|%)(?![\w/])/i;
const TOLD_FACT_WORDS = 14;
// What was left out or asked back may take a longer sentence: "she did break a bone in her spine from thin bones a few years ago".
const TOLD_DETAIL_WORDS = 24;
// Words that open a phrase but cannot open a name: "for in my bones" would be the carried context.
const PARTICIPLE = /^[a-z]+ed$/i;
const OWNED = /\b(?:my|her|his|their|your|our)\b/i;
const LEADING_PREPOSITION = /^(?:in|into|to|on|at|from|with|about)\s/i;
// A clause, not a name: "white cells are low" is carried as neutropenia, "try for another baby" as pregnancy, "if that stops working" as the later-line setting.
// A concept named by a question of its own: "can I still drive".
const ASKS_ITSELF = /^(?:can|could|should|would|will|do|does|did|is|am|are)\s+(?:i|we|she|he|they|you)\b/i;
const SAYS_SOMETHING = /\b(?:is|are|was|were|keep|keeps|try|trying|take|taking|have|has|had|get|getting|gone|feel|feels|stop|stops|stopped|stopping|need|needs|needed|working|if|when|end|ends|become|becomes)\b/i;
// …nor end one: "progressing after" is the later-line setting.
const TRAILING_PREPOSITION = /\s(?:after|before|on|with|of|to|in|from)$/i;
// A message of up to this many words that names nothing but the domain, and asks about nothing named ("will she
// need to stay in hospital?", "bone is the only site we can get to - anything the lab needs to know?"), is
// about what the conversation is about.
const UNANCHORED_MESSAGE_WORDS = 16;
const BARE_QUESTION_WORDS = 3;

const PREPOSITION: Record<Slot, string> = { treatment: 'with', subtype: 'for', topic: 'for', marker: 'with', trial: 'in', setting: 'in', population: 'in', value: 'at' };
const CARRY_ORDER: Slot[] = ['treatment', 'trial', 'subtype', 'topic', 'marker', 'setting', 'population', 'value'];
// The slots that say what a question is about; a short message naming none of them ("does surgery
// help?", "denosumab dose?") leans on the question before.
// "After that?", "and next?", "what then?": what comes after the line of treatment asked about before.
const AFTER_THAT = /^\s*(?:and |so |ok,? )?(?:what (?:about |comes )?|what's )?(?:after that|next|then what|what then|what next)\s*[?.!]*\s*$/i;
// "What about my warfarin?", "and her apixaban?".
const WHAT_ABOUT_MINE = /^\s*(?:and |so |ok,? )?(?:(?:what|how) about )?(?:my|her|his|their) \S+(?: \S+)?\s*[?.!]*\s*$|^\s*(?:and |so |ok,? )?(?:what|how) about (?:my |her |his |their |the )?/i;
// A question asking whether another medicine may be taken with the one taken ("Is it ok to take antacids… with it?").
// (…the medicine taken pointed back at, "with it": "ok to take ibuprofen with morphine?" then "what about paracetamol?" swaps the ibuprofen.)
const ASKED_TOGETHER = /\b(?:ok|okay|safe|fine|all right|alright)\s+to\s+(?:take|have)\b[^?]*\bwith (?:it|them|this|that)\b/i;
// "And on progression?", "when it progresses?": nothing asked but what comes when the treatment before stops working.
const PROGRESSION_ONLY = /^\s*(?:and |so |but |what )?(?:(?:on|at|after) progression|when (?:it|she|he|the cancer) progresses|if (?:it|she|he|the cancer) progresses)\s*[?.!]*\s*$/i;
const LINE_NAMED = /\b(first|second)-line\b/i;
// How many questions back a line of treatment asked about is looked for.
const LINE_LOOKBACK_TURNS = 3;
const NEXT_LINE: Record<string, string> = { first: 'second', second: 'third' };
// A setting told as the cancer progressing ("on progression", "when it progresses"), not as a line by number.
const PROGRESSION_TOLD = /\bprogress/i;
// "What should I look out for?", "what should we watch for?": the warning signs of what the person is on.
const LOOK_OUT_FOR = /\bwhat (?:should|do|must) (?:i|we|she|he|they) (?:look out|watch out|watch|look) for\b/i;
// What a message can ask of a medicine besides taking it: a test, a reading, a condition.
const OWN_CARE_TYPES: ReadonlySet<ConceptType> = new Set(['procedure', 'measure', 'condition']);
const SUBJECT_SLOTS: ReadonlySet<Slot> = new Set(['topic', 'trial']);
// What a question opening like a follow-up ("how often…") may name of its own, and how long it must be to stand alone with one.
const OWN_SUBJECT_SLOTS: ReadonlySet<Slot> = new Set(['topic', 'trial', 'marker', 'treatment']);
const LONG_CONTINUATION_WORDS = 9;
const HOW_MUCH_OR_OFTEN = /^(?:how often|how long|how much|how many)\b/i;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}+/'-]+/gu) ?? [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function joinTerms(values: string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

// A word written with a capital inside ("eGFR", "mAb") keeps its own case.
function capitalise(text: string): string {
  return /^[a-z][A-Z]/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The deterministic follow-up rewrite, over the knowledge's vocabulary: an elliptical message borrows
 * the previous standalone question's slots that it does not replace. "what about premenopausal
 * women?" swaps the population in the previous question; "how often is it given?" names the drug
 * for "it" and adds the rest of the previous context. A message that stands on its own is kept.
 * `askedAbout` names the concepts a question asks about, leaving out those it says are absent ("no
 * visceral crisis"); without it every concept named is carried. `topics` (lower-cased) are subjects of
 * their own that the knowledge does not cover, never carried as a lasting fact of the person.
 */
export function createFollowUpRewriter(
  matcher: ConceptMatcher,
  background: ReadonlySet<string>,
  askedAbout?: (question: string) => ReadonlySet<string>,
  topics: ReadonlySet<string> = new Set(),
  harmsOf: (medicine: string) => readonly string[] = () => [],
): FollowUpRewriter {
  const isBackground = (entity: Entity) => background.has(entity.canonical.toLowerCase());

  function entities(text: string): Entity[] {
    const found: Entity[] = matcher.find(text).map((match) => ({
      slot: SLOT_OF_TYPE[match.concept.type],
      canonical: match.concept.name,
      surface: match.surface,
      start: match.start,
      end: match.end,
    }));
    const source = text.normalize('NFKC');
    for (const pattern of VALUES) {
      for (const match of source.matchAll(pattern)) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        // A value read already by an earlier pattern ("corrected calcium 3.3 mmol/L") is not read again in part.
        if (found.some((entity) => entity.slot === 'value' && entity.start < end && start < entity.end)) continue;
        // A stated value wins over the concept inside it ("creatinine clearance of 45").
        for (let index = found.length - 1; index >= 0; index -= 1) {
          if (found[index]!.start < end && start < found[index]!.end) found.splice(index, 1);
        }
        found.push({ slot: 'value', canonical: match[0].trim(), surface: match[0].trim(), start, end });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }

  function bySlot(list: readonly Entity[], slot: Slot): Entity[] {
    return list.filter((entity) => entity.slot === slot);
  }

  /** The measure a value named before is of ("corrected calcium" of "corrected calcium is 3.2 mmol/L"), if any. */
  function measureOf(before: readonly Entity[]): string | undefined {
    return bySlot(before, 'value')
      .map((entity) => MEASURE_NAME.exec(entity.surface)?.[0])
      .find(Boolean);
  }

  /**
   * Whether the words the user used for an entity can stand alone in a question: not "in my bones" or
   * "progressing after", not a clause ("morphine makes me…"), not a participle ("never irradiated") and
   * not someone's own ("pressing on my spinal cord" is not her sister's).
   */
  function wordsStandAlone(entity: Entity): boolean {
    const { surface } = entity;
    return !LEADING_PREPOSITION.test(surface) && !TRAILING_PREPOSITION.test(surface) && !SAYS_SOMETHING.test(surface) && !PARTICIPLE.test(surface) && !(OWNED.test(surface) && !isBackground(entity));
  }

  /** The harms a message names that the last answer's bottom line named too. */
  function harmsAnsweredBefore(text: string, turn: PriorQuestion | undefined): Entity[] {
    if (!turn?.answerLead) return [];
    const answered = new Set(entities(turn.answerLead).map((entity) => entity.canonical));
    return entities(text).filter((entity) => matcher.get(entity.canonical)?.sideEffect === true && answered.has(entity.canonical));
  }

  /** Two medicines of one kind: they share a class ("bone-modifying agent"), or one is the other's. */
  function sameKind(a: Entity, b: Entity): boolean {
    const classes = matcher.broader(a.canonical);
    return [...matcher.broader(b.canonical)].some((name) => classes.has(name));
  }

  /**
   * Whether the medicines a message names are taken for a harm asked about before rather than in place of the
   * medicine that caused it: of another kind than every medicine before, with a harm named before.
   */
  function takenForHarm(stated: readonly Entity[], before: readonly Entity[]): boolean {
    const named = bySlot(stated, 'treatment');
    const earlier = bySlot(before, 'treatment').filter(isMedicine);
    if (named.length === 0 || !named.every(isMedicine) || !ofAnotherKind(named, earlier)) return false;
    return bySlot(before, 'topic').some((entity) => matcher.get(entity.canonical)?.sideEffect === true);
  }

  /** Whether medicines are named beside earlier ones rather than in their place: none is one of them or of their kind. */
  function ofAnotherKind(named: readonly Entity[], earlier: readonly Entity[]): boolean {
    return earlier.length > 0 && !named.some((entity) => earlier.some((other) => other.canonical === entity.canonical || sameKind(entity, other)));
  }

  function isMedicine(entity: Entity): boolean {
    return MEDICINE_TYPES.has(matcher.get(entity.canonical)?.type ?? 'setting');
  }

  /** "Same as for a woman", read as men with breast cancer: a population carried in words that do not name it is carried by its name. */
  function sharesNoWordWithName(entity: Entity): boolean {
    if (entity.slot !== 'population') return false;
    const named = new Set(words(entity.canonical));
    return !words(entity.surface).some((word) => named.has(word));
  }

  /** The words the user used for each entity, once per entity; its name when those words cannot stand alone. */
  function surfaces(list: readonly Entity[]): string[] {
    const seen = new Map<string, string>();
    for (const entity of list) if (!seen.has(entity.canonical)) seen.set(entity.canonical, wordsStandAlone(entity) && !sharesNoWordWithName(entity) ? entity.surface : entity.canonical);
    return [...seen.values()];
  }

  /** The medicines among treatments named, when procedures or tests were named beside them; else all of them. */
  function medicinesFirst(list: readonly Entity[]): readonly Entity[] {
    const medicines = list.filter(isMedicine);
    return medicines.length > 0 ? medicines : list;
  }

  function isElliptical(message: string): boolean {
    const text = message.trim();
    // "How long do people like me usually live with this?": the outlook of the disease itself, whatever was asked before.
    if (ASKS_OWN_OUTLOOK.test(text)) return false;
    if (LEAD_IN.test(text)) return true;
    // "How often?" leans on the question before; "how often does ER status differ between the primary and the
    // metastasis?" names its own subject at length and stands alone.
    if (CONTINUATION_START.test(text)) {
      const own = entities(text).filter((entity) => OWN_SUBJECT_SLOTS.has(entity.slot) && !isBackground(entity)).length;
      return !(HOW_MUCH_OR_OFTEN.test(text) && own >= 1 && words(text).length >= LONG_CONTINUATION_WORDS);
    }
    if (BACK_REFERENCE.test(text)) return true;
    const found = entities(text);
    const named = found.filter((entity) => SUBJECT_SLOTS.has(entity.slot) && !isBackground(entity));
    // "Could her hip be about to break? What would I notice if it did?": a message naming its own subject whose
    // pronouns all point at nothing named before stands alone.
    if (new RegExp(PRONOUN.source, 'i').test(text) && (named.length === 0 || pointsBack(text))) return true;
    // "What does letrozole do?", "what is zol for?", "how does olaparib work?": what a named thing is, asked on its own.
    if (asksWhatItIs(text, found)) return false;
    const count = words(text).length;
    if (count <= SHORT_MESSAGE_WORDS && named.length === 0) return true;
    // What is asked names nothing, whatever the rest tells: "bone is the only site we can get to - anything
    // the lab needs to know?"; "what is the outlook for metastatic breast cancer?" asks about the domain.
    const asking = text.split(/[.;:!?]\s+| - /).filter((part) => part.trim()).at(-1) ?? text;
    if (!found.every(isBackground) || entities(asking).length > 0) return false;
    // However much the message tells first, a bare question at its end ("…tumour in the L pedicle. new score?") leans on the
    // conversation, and so does one asking whether the answer before holds ("…in her neck. are the signs the same for her?").
    return count <= UNANCHORED_MESSAGE_WORDS || words(asking).length <= BARE_QUESTION_WORDS || SAME_AS_BEFORE.test(asking);
  }

  /** Whether a message asks only what something it names is, does or is for. */
  function asksWhatItIs(text: string, found: readonly Entity[]): boolean {
    if (found.length === 0 || !WHAT_IT_IS.test(text)) return false;
    // "What is second line?" after a question on first-line treatment asks what is given then, not what the words mean.
    if (found.every((entity) => LINES_OF_THERAPY.has(entity.canonical))) return false;
    let rest = text;
    for (const entity of [...found].sort((a, b) => b.start - a.start)) rest = `${rest.slice(0, entity.start)} ${rest.slice(entity.end)}`;
    return words(rest).every((word) => WHAT_IT_IS_WORDS.has(word));
  }

  // "premenopausal women?", "what about denosumab instead?": nothing but entities and filler words.
  function isBareSubstitution(body: string, stated: readonly Entity[], previous = ''): boolean {
    // "and if the chemo stops working?", "what if she misses one?" ask what then, not the previous question in
    // that setting; "what if she was triple negative instead?" still swaps the subtype.
    // …but "and if it had been the denosumab injection instead?" swaps the treatment.
    // …and so does "and if it had been zoledronic acid?", "what if she was on letrozole?".
    const swapped = (/\binstead\b/i.test(body) && /\b(?:was|were|had been|had)\b/i.test(body)) || SWAPPED_IN.test(body);
    // "Can I still drive?" names driving in a clause of its own: a question to ask as it is, not a slot to swap in.
    if (stated.some((entity) => ASKS_ITSELF.test(entity.surface))) return false;
    if (stated.length === 0 || (/^if\s/i.test(body) && !swapped) || (/^what\s+if\s/i.test(body) && !/\b(?:was|were|is|are|had)\b|\binstead\b/i.test(body))) return false;
    let rest = body;
    for (const entity of [...stated].sort((a, b) => b.start - a.start)) rest = `${rest.slice(0, entity.start)} ${rest.slice(entity.end)}`;
    // "And after zoledronic acid?" after "…avoid pregnancy after stopping trastuzumab?" asks the same of zoledronic acid.
    const afterAgain = /\bafter\b/i.test(previous);
    return words(rest).every((word) => FILLER.has(word) || (swapped && SWAP_WORDS.has(word)) || (afterAgain && word === 'after'));
  }

  /** The previous question with the stated slots swapped in; slots it lacked are appended. */
  function substitute(previous: string, before: readonly Entity[], stated: readonly Entity[], body: string): string {
    const statedSlots = unique(stated.map((entity) => entity.slot)) as Slot[];
    let result = previous;
    const appended: string[] = [];
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const slot of statedSlots) {
      // "And on progression?" after a question on first-line treatment asks for the line after it.
      const progressedFromFirst =
        slot === 'setting' && bySlot(before, slot).some((entity) => entity.canonical === 'first-line') && bySlot(stated, slot).every((entity) => entity.canonical === 'later-line' && PROGRESSION_TOLD.test(entity.surface));
      const replacement = progressedFromFirst ? 'second-line' : joinTerms(unique(bySlot(stated, slot).map((entity) => entity.surface)));
      // A medicine swapped in replaces the medicines named before, not the dental work beside them.
      const swapsMedicine = slot === 'treatment' && bySlot(stated, slot).every((entity) => isMedicine(entity));
      const oldAll = bySlot(before, slot).filter((entity) => !swapsMedicine || isMedicine(entity) || !bySlot(before, slot).some(isMedicine));
      // …and of those, the ones of its own kind: zoledronic acid for denosumab, not for the calcium and vitamin D
      // given with it ("is that the same for zoledronic acid?" after denosumab with calcium and vitamin D).
      const ofKind = swapsMedicine ? oldAll.filter((entity) => bySlot(stated, slot).some((swapped) => sameKind(swapped, entity))) : oldAll;
      const old = ofKind.length > 0 ? ofKind : oldAll;
      if (old.length === 0) {
        appended.push(`${PREPOSITION[slot]} ${replacement}`);
        continue;
      }
      old.forEach((entity, index) => {
        // A removed term takes the separator before it along ("HR-positive, HER2-negative" → "HER2-low").
        const separator = index === 0 ? null : /(?:,\s*|\s+and\s+|\s+or\s+|\s*\/\s*)$/i.exec(previous.slice(0, entity.start));
        // …and one not listed with the first ("ibuprofen with morphine": "what about paracetamol?" swaps the ibuprofen) stays.
        if (index > 0 && !separator) return;
        const start = separator ? entity.start - separator[0].length : entity.start;
        edits.push({ start, end: entity.end, text: index === 0 ? replacement : '' });
      });
    }
    if (edits.length === 0 && appended.length === 0) return extend(body, before, stated, previous);
    // Right to left, so earlier offsets stay valid while editing.
    for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    result = tidy(result);
    if (appended.length > 0) result = `${stripEnd(result)} ${appended.join(' ')}${endOf(previous)}`;
    return capitalise(tidy(result));
  }

  /** The message itself, with pronouns resolved and the previous context it does not restate added. */
  function extend(
    body: string,
    before: readonly Entity[],
    stated: readonly Entity[],
    previous: string,
    answered: readonly Entity[] = [],
    earlierTreatments: () => readonly Entity[] = () => [],
    formTreatments: readonly Entity[] = [],
  ): string {
    const statedCanonical = new Set(stated.map((entity) => entity.canonical));
    const statedSlots = new Set(stated.map((entity) => entity.slot));
    const toldAnew = measuresTold(stated);
    // What a pronoun stands for: a trial when the message speaks of one, a condition when it speaks of
    // something that happens ("what if it develops?"), else the treatments asked about before, else
    // the treatments the last answer named when the message asks how a treatment is given or taken
    // ("best 2L?" answered with trastuzumab deruxtecan, then "dose and how's it given?"), else a
    // trial, else the topic.
    const has = (slot: Slot) => bySlot(before, slot).length > 0;
    // …and so are they when every treatment asked about before was one given before, the answer naming what comes next.
    const fromAnswer = (!has('treatment') || allGivenBefore(previous, bySlot(before, 'treatment'))) && answered.length > 0 && (TREATMENT_ASKED.test(body) || MEDICINE_FORM.test(body));
    const focusSlot: Slot =
      (TRIAL_WORD.test(body) || (IN_IT.test(body) && TRIAL_QUESTION.test(body))) && has('trial')
        ? 'trial'
        : (ONSET_WORD.test(body) || CALL_ABOUT_IT.test(body)) && has('topic')
          ? 'topic'
          : has('treatment') || fromAnswer
            ? 'treatment'
            : has('trial')
              ? 'trial'
              : 'topic';
    const candidates = bySlot(fromAnswer ? answered : before, focusSlot).filter((entity) => !statedCanonical.has(entity.canonical));
    // A pronoun stands for the most specific thing named before; the domain itself only when nothing else was.
    const specific = candidates.filter((entity) => !isBackground(entity));
    // A class named beside its members ("a BMA: dmab or zol?") is not one of the things "those two" are.
    const members = specific.filter((entity) => !specific.some((other) => other.canonical !== entity.canonical && matcher.broader(other.canonical).has(entity.canonical)));
    // "She missed her last injection… do we just give it today?": the treatment given as an injection, not the tablets asked about last.
    const byForm = formTreatments.filter((entity) => !statedCanonical.has(entity.canonical));
    const focus = focusSlot === 'treatment' && byForm.length > 0 ? surfaces(byForm) : surfaces(specific.length > 0 ? specific : candidates);
    const treatments = surfaces(bySlot(before, 'treatment').filter((entity) => !statedCanonical.has(entity.canonical)));
    // Being "on it" after a question about a side effect ("…that lung problem?") is still being on the
    // treatment named a turn or two before (looked up only for such an "it").
    const onTreatments = () => (byForm.length > 0 ? surfaces(byForm) : treatments.length > 0 ? treatments : surfaces(earlierTreatments().filter((entity) => !statedCanonical.has(entity.canonical))));
    let resolved = body;
    let pronounResolved = false;
    let treatmentNamed = false;
    let conditionNamed = false;
    // "And if it falls to 25?" after "CrCl 45": the reading named again takes its new value, not the old one.
    let readingNamed = false;
    // Once "the second one" has said which, a later "it" in the message is that one.
    let chosen: string | undefined;
    if (focus.length > 0) {
      resolved = body.replace(PRONOUN, (pronoun: string, offset: number) => {
        const after = body.slice(offset + pronoun.length);
        if (/^they$/i.test(pronoun) && (CARE_TEAM_VERB.test(after) || /^['’](?:ve|ll|d)\b/i.test(after))) return pronoun;
        if (/^them$/i.test(pronoun) && PEOPLE_VERB_BEFORE.test(body.slice(0, offset))) return pronoun;
        // "…so technically it's not a fever, is it?": a question tag points back at its own sentence.
        if (/^it$/i.test(pronoun) && isQuestionTag(body.slice(0, offset), after)) return pronoun;
        // "And how do they bring it down?" after "my corrected calcium is 3.2 mmol/L": what is brought down is the reading.
        if (/^it$/i.test(pronoun) && BROUGHT_DOWN.test(after)) {
          const measure = measureOf(before);
          if (measure) return `the ${measure}`;
        }
        // "Does that make it riskier?", "why does it matter?", "does it change his treatment?": "it" is the
        // situation; what helps "it" or is rung about is a symptom, left as written when no condition was named.
        if (/^it$/i.test(pronoun) && (/\bmak(?:e|es|ing)\s+$/i.test(body.slice(0, offset)) || /^\s+(?:matter|matters|mean|means|change|changes|affect|affects)\b/i.test(after))) return pronoun;
        if (/^it$/i.test(pronoun) && focusSlot !== 'topic' && CALL_ABOUT_IT.test(body)) return pronoun;
        // "If we used palbo instead and she fell pregnant on it": "it" is the treatment the message switches to.
        if (/^it$/i.test(pronoun) && SWITCH.test(body) && stated.some((entity) => entity.slot === 'treatment' && entity.end <= offset)) return pronoun;
        // "The calcium tablets…, are they safe with it?": "they" are what the message itself just named.
        // …and so are "those two" after the message names two ("started me on letrozole and palbociclib. What do those two do?").
        if (/^(?:they|them|their|those two|these two|both of them)$/i.test(pronoun) && stated.some((entity) => entity.slot !== 'value' && entity.end <= offset && !isBackground(entity))) return pronoun;
        // "Its hormone positive": typed for "it's", said of what the message itself names next.
        if (/^its$/i.test(pronoun) && stated.some((entity) => entity.slot !== 'treatment' && entity.start >= offset + pronoun.length && entity.start <= offset + pronoun.length + 1)) return pronoun;
        if (/^it$/i.test(pronoun) && MEASURED_IT_BEFORE.test(body.slice(0, offset))) return pronoun;
        // "His calcium is high. How fast do they bring it down?": what is brought down is the reading the message names.
        const ownReading = /^it$/i.test(pronoun) && BROUGHT_BEFORE.test(body.slice(0, offset)) && /^\s+(?:down|up|back)\b/i.test(after) ? MEASURED.exec(body.slice(0, offset))?.[0] : undefined;
        if (ownReading) {
          readingNamed = true;
          return `the ${readingName(ownReading)}`;
        }
        // "Sorry, I've muddled it", "I got it wrong": what the person asked, not a thing named before.
        if (/^it$/i.test(pronoun) && (MIXED_UP_BEFORE.test(body.slice(0, offset)) || (/\bgot\s+$/i.test(body.slice(0, offset)) && /^\s+wrong\b/i.test(after)))) return pronoun;
        // A value that comes down or goes up is the reading told before: "my temp is 37.9" → "see if it comes down".
        const reading = /^it$/i.test(pronoun) && VALUE_MOVES_AFTER.test(after) ? MEASURED.exec(previous)?.[0] : undefined;
        if (reading) {
          readingNamed = true;
          return `the ${readingName(reading)}`;
        }
        if (pointsAtNothing(pronoun, after) || ON_THE_BODY_BEFORE.test(body.slice(0, offset)) || TOOTH_WORK_BEFORE.test(body.slice(0, offset))) return pronoun;
        // "Her sister's on ribo + letrozole. Is it the gut we watch with that one too?", "is zol a fair
        // alternative? how long does it run?": after the message names a treatment of its own, "that one"
        // and an "it" that does something are that treatment; "are they safe with it?" is still the one before.
        const ownTreatmentNamed = stated.some((entity) => entity.slot === 'treatment' && entity.end <= offset && !isBackground(entity));
        // "…some morphine liquid… and it makes him constipated": "and it" opening a clause of its own is the treatment just named.
        const opensClause = /\band\s+$/i.test(body.slice(0, offset)) && IT_DOES_AFTER.test(after);
        if (ownTreatmentNamed && (/^(?:that|this) one$/i.test(pronoun) || (/^it$/i.test(pronoun) && (!BESIDE_BEFORE.test(body.slice(0, offset)) || opensClause)))) return pronoun;
        // "They" are several things: the domain only when it is named in the plural ("bone metastases",
        // not "breast cancer in her bones": "are they tablets?" does not ask about the cancer).
        if (/^(?:they|them|their)$/i.test(pronoun) && specific.length === 0 && !focus.some(namedInPlural)) return pronoun;
        // What is taken, given or restarted is a treatment: the one named last, or a turn or two before
        // ("How soon will they restart it?" after low white cells on the CDK4/6 tablet).
        const given = /^it$/i.test(pronoun) && focusSlot !== 'treatment' && TREATMENT_VERB_BEFORE.test(body.slice(0, offset)) ? onTreatments() : [];
        if (given.length > 0) {
          treatmentNamed = true;
          return joinTerms(given);
        }
        const beingOn = /^it$/i.test(pronoun) && focusSlot !== 'treatment' && ON_TREATMENT_BEFORE.test(body.slice(0, offset)) ? onTreatments() : [];
        if (beingOn.length > 0) {
          treatmentNamed = true;
          return joinTerms(beingOn);
        }
        // What is caused or managed is the condition named before, if one was: "could the drip be causing it?".
        if (/^(?:it|that|this)$/i.test(pronoun) && (CONDITION_VERB_BEFORE.test(body.slice(0, offset)) || (STOPPED_HAPPENING.before.test(body.slice(0, offset)) && STOPPED_HAPPENING.after.test(after)))) {
          const conditions = surfaces(bySlot(before, 'topic').filter((entity) => !isBackground(entity) && !statedCanonical.has(entity.canonical)));
          if (conditions.length === 0) return pronoun;
          conditionNamed = true;
          return joinTerms(conditions);
        }
        // "Those tablets" are medicines, never the condition.
        if (MEDICINE_FORM.test(pronoun) && focusSlot !== 'treatment') return pronoun;
        // "The second one" of two or more things named before; with fewer, it points at nothing known.
        const ordinal = ORDINAL.exec(pronoun)?.[1]?.toLowerCase();
        if (ordinal) {
          if (focus.length < 2) return pronoun;
          pronounResolved = true;
          chosen = ordinal === 'first' ? focus[0]! : ordinal === 'last' ? focus.at(-1)! : focus[1]!;
          return chosen;
        }
        if (chosen && /^(?:it|its)$/i.test(pronoun)) return /^its$/i.test(pronoun) ? `${chosen}'s` : chosen;
        // "Which one is easier on the heart?" asks which of the treatments named before, when there were several.
        const choosing = /^which/i.test(pronoun);
        if (choosing && (focusSlot !== 'treatment' || focus.length < 2)) return pronoun;
        pronounResolved = true;
        const possessive = /^(its|their)$/i.test(pronoun);
        // One thing ("it", "that") among a medicine and a test or procedure named before is the medicine:
        // "how long do we keep that going?" after "MRI and dex" keeps the dexamethasone going.
        const name = joinTerms(SINGULAR.test(pronoun) && focusSlot === 'treatment' && byForm.length === 0 ? surfaces(medicinesFirst(specific.length > 0 ? specific : candidates)) : focus);
        // "that trial" with no trial named before is the trial of what was asked about, not that thing.
        const trialWord = TRIAL_WORD.exec(pronoun)?.[0];
        if (trialWord && focusSlot !== 'trial') return `the ${trialWord.toLowerCase()} of ${name}`;
        if (choosing) return `which of ${joinTerms(surfaces(members.length > 1 ? members : specific.length > 0 ? specific : candidates))}`;
        // "A dry cough. Is that the drug?" asks whether the drug causes it, which its name alone would not say.
        if (THE_MEDICINE.test(pronoun) && ASKS_IF_IT_IS_BEFORE.test(body.slice(0, offset))) return `caused by ${name}`;
        return possessive ? `${name}'s`.replace(/s's$/, "s'") : name;
      });
    }
    // …and stopping a condition happening is preventing it: "how do we prevent osteonecrosis of the jaw?".
    if (conditionNamed) resolved = resolved.replace(/\bstop(?:s|ping)?\s+(.+?)\s+(?:from\s+)?happening\b/i, 'prevent $1');
    const carried: string[] = [];
    const carriedSlots = new Set<Slot>();
    const statesSomethingNew = stated.some((entity) => entity.slot !== 'value' && !isBackground(entity));
    // Another subtype than the one before takes that subtype's treatments with it: "what if she was
    // HER2 positive instead, already had THP?" after a question on palbociclib and T-DXd for HER2-low disease.
    const subtypeReplaced = statedSlots.has('subtype') && bySlot(before, 'subtype').some((entity) => !statedCanonical.has(entity.canonical));
    // The domain named again ("…gone to the bones in her neck") does not replace the topic asked about before.
    const namedSlots = new Set(stated.filter((entity) => !isBackground(entity)).map((entity) => entity.slot));
    // "I forgot to take it this morning…" asks about the missed dose: the topic asked before (liver tests) is not carried.
    const asksOwnHappening = stated.some((entity) => matcher.get(entity.canonical)?.perMedicine === true);
    // …and "does abemaciclib need the same heart checks?" after it asks about the checks: the missed dose is not carried.
    const asksOwnCare = stated.some((entity) => !isBackground(entity) && OWN_CARE_TYPES.has(matcher.get(entity.canonical)?.type ?? 'drug'));
    const happeningToCarry = (entity: Entity) => !(asksOwnCare && matcher.get(entity.canonical)?.perMedicine === true);
    for (const slot of CARRY_ORDER) {
      if (namedSlots.has(slot)) continue;
      if (asksOwnHappening && (slot === 'topic' || slot === 'setting' || slot === 'marker')) continue;
      if (subtypeReplaced && (slot === 'treatment' || slot === 'trial')) continue;
      // A message that names something new asks beyond the trial before, unless it asks about a trial:
      // "turns out she's gBRCA1+, any other option?" is not a question about ASCENT; "any side effects?" is.
      if (slot === 'trial' && statesSomethingNew && !TRIAL_QUESTION.test(body)) continue;
      // A trial named in the message says which treatments it is about ("what did the head-to-head trial show?").
      if (slot === 'treatment' && statedSlots.has('trial')) continue;
      // A harm told now ("my hands are red and sore, should I stop taking it?") is not asked beside the test asked about before.
      if (slot === 'marker' && stated.some((entity) => matcher.get(entity.canonical)?.sideEffect === true)) continue;
      if ((pronounResolved && slot === focusSlot) || (treatmentNamed && slot === 'treatment') || (conditionNamed && slot === 'topic') || (readingNamed && slot === 'value')) continue;
      // "Dose?" after "what second line?" answered with trastuzumab deruxtecan asks the dose of that.
      const source = slot === 'treatment' && fromAnswer ? answered.filter((entity) => !statedCanonical.has(entity.canonical)) : bySlot(before, slot);
      // ("Can I still drive with morphine?" asked driving in a clause of its own: a later question does not carry it.)
      let names = surfaces(source.filter((entity) => !isBackground(entity) && !measuredAgain(entity, toldAnew) && !ASKS_ITSELF.test(entity.surface) && happeningToCarry(entity)));
      // A carried subtype ("triple-negative") needs its noun back.
      if (slot === 'topic' && names.length === 0 && carriedSlots.has('subtype')) names = surfaces(bySlot(before, 'topic'));
      if (names.length === 0) continue;
      carriedSlots.add(slot);
      carried.push(`${PREPOSITION[slot]} ${joinTerms(names)}`);
    }
    const backgroundTopics = surfaces(before.filter(isBackground));
    const pronounWasDomain = pronounResolved && specific.length === 0;
    if (!pronounWasDomain && !carried.some((part) => part.startsWith('for ')) && backgroundTopics.length > 0 && !stated.some(isBackground)) carried.push(`for ${joinTerms(backgroundTopics)}`);
    // "Could we move her onto zol instead?" after a question on stopping Xgeva is a switch from Xgeva: the
    // treatment replaced is said, or the answer would not know what zol replaces.
    const replaced = surfaces(bySlot(before, 'treatment').filter((entity) => !isBackground(entity) && !statedCanonical.has(entity.canonical)));
    if (statedSlots.has('treatment') && SWITCH.test(body) && !/\binstead of\b/i.test(body) && replaced.length > 0) {
      const insteadOf = `instead of ${joinTerms(replaced)}`;
      if (/\binstead\b/i.test(resolved)) resolved = resolved.replace(/\binstead\b/i, insteadOf);
      else carried.unshift(insteadOf);
    } else if (statedSlots.has('treatment') && ADDED_TO.test(body) && replaced.length > 0 && !pronounResolved) {
      // "Can I take ibuprofen as well?" after morphine is asked beside morphine.
      carried.unshift(`with ${joinTerms(replaced)}`);
    } else if (replaced.length > 0 && !pronounResolved && takenForHarm(stated, before)) {
      // "Can I take loperamide?" after diarrhoea on capecitabine: a medicine for the harm is taken beside the one causing it.
      carried.unshift(`on ${joinTerms(replaced)}`);
    }
    const end = /[?.!]$/.test(resolved) ? resolved.slice(-1) : endOf(previous);
    // The message's own last word stays ("what should I look out for with palbociclib?").
    const result = [stripEnd(resolved), ...mergeFor(carried)].join(' ');
    return capitalise(tidy(`${result}${end}`, false));
  }

  /**
   * "What do I do if she gets them at the weekend?" after a question about warning signs: "them" are
   * those signs, which name no concept for the pronoun to stand for.
   */
  function signsNamed(body: string, previous: string): string {
    if (!SIGNS_ASKED.test(previous) || entities(body).some((entity) => entity.slot === 'topic' && !isBackground(entity))) return body;
    return body.replace(SIGNS_PRONOUN, (_match, verb: string) => `${verb} those warning signs`);
  }

  /** A bare bound ("below 30") is given the measure of the value it replaces ("CrCl 35" → "CrCl below 30"). */
  function withMeasureNamed(body: string, before: readonly Entity[], previous: string): string {
    // "And if they're 0.4?" after "the neutrophils are 0.8": the reading is named again, so that it is read as that reading.
    const pronounValue = PRONOUN_BEFORE_VALUE.exec(body);
    const reading = pronounValue ? (READING_NAMED.exec(previous)?.[0] ?? measureOf(before)) : undefined;
    if (pronounValue && reading) {
      const verb = /^(?:'|’)re$/.test(pronounValue[2]!) ? ' are' : /^(?:'|’)s$/.test(pronounValue[2]!) ? ' is' : pronounValue[2]!;
      return `${body.slice(0, pronounValue.index)}the ${reading.toLowerCase()}${verb}${body.slice(pronounValue.index + pronounValue[0].length)}`;
    }
    const measure = measureOf(before);
    if (!measure) return body;
    const bare = bySlot(entities(body), 'value').filter((entity) => BARE_BOUND.test(entity.surface));
    let named = body;
    for (const entity of bare.reverse()) named = `${named.slice(0, entity.start)}${measure} ${named.slice(entity.start)}`;
    return named;
  }

  /**
   * "What would I notice if that started happening?": what starts happening is a condition, the one the message
   * names before it ("no cord compromise… if that started happening"), or else the one named before.
   */
  function happeningNamed(body: string, before: readonly Entity[]): string {
    const happening = STARTS_HAPPENING.exec(body);
    if (!happening) return body;
    const own = entities(body).filter((entity) => entity.slot === 'topic' && !isBackground(entity) && entity.end <= happening.index);
    const condition = own[0] ?? bySlot(before, 'topic').find((entity) => !isBackground(entity));
    if (!condition) return body;
    return `${body.slice(0, happening.index)}${condition.surface}${body.slice(happening.index + happening[1]!.length)}`;
  }

  function namedIn(question: string): Entity[] {
    const asked = askedAbout?.(question);
    // "Should I do what the dentist says?" names a person, not the dental care a later "it" could stand for.
    return entities(question).filter((entity) => (entity.slot === 'value' || !asked || asked.has(entity.canonical)) && !PERSON_NAMED.test(entity.surface));
  }

  /**
   * The latest earlier question that names something, and what it names: a question naming nothing
   * leans on the one before it. What the conversation said of the person (subtype, population,
   * setting) and the latest question does not restate is `lasting`, from the questions before it:
   * "mTNBC after 2 lines: sacituzumab?", "does ASCENT apply to bone-only disease?", "turns out she's
   * gBRCA1+, any other option?" is still about triple-negative disease.
   */
  function latestNaming(history: readonly PriorQuestion[]): { previous: string; before: Entity[]; lasting: Entity[]; index: number } | undefined {
    for (let index = history.length - 1; index >= 0; index -= 1) {
      const previous = history[index]!.standaloneQuestion.trim();
      const before = namedIn(previous);
      if (before.length === 0) continue;
      return { previous, before, lasting: lastingFacts(history, index, new Set(before.map((entity) => entity.slot))), index };
    }
    return undefined;
  }

  /** The lasting facts of the questions before `end`, latest first, for slots not in `slotsNamed`. */
  function lastingFacts(history: readonly PriorQuestion[], end: number, slotsNamed: Set<Slot>): Entity[] {
    const lasting: Entity[] = [];
    for (const earlier of history.slice(Math.max(0, end - LASTING_TURNS), end).reverse()) {
      // Grapefruit juice and omeprazole asked about with ribociclib are a question of their own, not the person's setting.
      const found = namedIn(earlier.standaloneQuestion).filter(
        (entity) => LASTING_SLOTS.has(entity.slot) && !slotsNamed.has(entity.slot) && !isBackground(entity) && !topics.has(entity.canonical.toLowerCase()),
      );
      for (const slot of new Set(found.map((entity) => entity.slot))) slotsNamed.add(slot);
      lasting.push(...found);
    }
    return lasting;
  }

  function rewrite(history: readonly PriorQuestion[], message: string): string {
    const text = message.trim().replace(/\s+/g, ' ');
    if (history.length === 0) return text;
    return withEarlierValues(withConditionDosedFor(withConditionOfSameTreatment(rewritten(history, text), history, text), history, text), history, text);
  }

  /**
   * A message asking again about the treatment the last question named, and about nothing else ("can she carry on with
   * the zoledronic acid?" after questions on an atypical femoral fracture on it), asks it with the condition that
   * question was about: carrying on with it is decided by the fracture.
   */
  function withConditionOfSameTreatment(question: string, history: readonly PriorQuestion[], text: string): string {
    if (question !== text) return question;
    const named = entities(text).filter((entity) => !isBackground(entity));
    const treatments = named.filter((entity) => entity.slot === 'treatment');
    if (treatments.length === 0 || named.some((entity) => entity.slot !== 'treatment' && entity.slot !== 'value')) return question;
    const previous = namedIn(history.at(-1)!.standaloneQuestion);
    if (!treatments.every((entity) => previous.some((earlier) => earlier.canonical === entity.canonical))) return question;
    const topics = previous.filter((entity) => entity.slot === 'topic' && !isBackground(entity));
    if (topics.length === 0) return question;
    return endingWith(question, `with ${joinTerms(surfaces(topics))}`);
  }

  /**
   * A dose asked of a treatment with no condition ("and the dexamethasone dose?" after suspected cord compression,
   * then a question on its MRI) is a dose for the condition the conversation was about: a dose is given for a
   * condition, and another condition's dose (8 mg against a pain flare) is a wrong one. The latest condition asked
   * about in the last few turns comes with it, when the message names none itself.
   */
  function withConditionDosedFor(question: string, history: readonly PriorQuestion[], text: string): string {
    if (!DOSE_ASKED.test(text)) return question;
    const named = entities(question);
    if (!named.some((entity) => entity.slot === 'treatment') || named.some((entity) => entity.slot === 'topic' && !isBackground(entity))) return question;
    for (const earlier of history.slice(-LASTING_TURNS).reverse()) {
      const topics = namedIn(earlier.standaloneQuestion).filter((entity) => entity.slot === 'topic' && !isBackground(entity));
      if (topics.length > 0) return endingWith(question, `for ${joinTerms(surfaces(topics))}`);
    }
    return question;
  }

  /**
   * A case told over several turns keeps its measurements: "Her CrCl is about 35. Do I reduce the zoledronic acid
   * to 3 mg?" after "corrected calcium 3.4 mmol/L, drowsy and vomiting" is asked with the calcium, which decides
   * the dose. Only when the message tells a measurement of its own, and only measures it does not restate.
   */
  function withEarlierValues(question: string, history: readonly PriorQuestion[], text: string): string {
    const told = entities(text);
    if (!told.some((entity) => entity.slot === 'value')) return question;
    const toldAnew = measuresTold(told);
    const asked = question.toLowerCase();
    const earlier: string[] = [];
    for (const turn of history.slice(-LASTING_TURNS)) {
      for (const entity of entities(turn.standaloneQuestion)) {
        if (entity.slot !== 'value') continue;
        const measure = measureNamed(entity.surface);
        if (measure === '' || asked.includes(measure) || measuredAgain(entity, toldAnew) || earlier.some((value) => value.toLowerCase().includes(measure))) continue;
        earlier.push(entity.surface);
      }
    }
    return earlier.length > 0 ? `${stripEnd(question)}${endOf(question)} ${capitalise(earlier.join(', '))}.` : question;
  }

  function rewritten(history: readonly PriorQuestion[], text: string): string {
    const corrected = correctedQuestion(text, history.at(-1)!.standaloneQuestion.trim(), entities) ?? valueToldAgain(text, history.at(-1)!.standaloneQuestion.trim());
    if (corrected) return corrected;
    const narrowed = narrowedQuestion(text, history);
    if (narrowed) return narrowed;
    const nextLine = nextLineAsked(text, history);
    if (nextLine) return nextLine;
    const besideBefore = askedBesideAsBefore(text, history);
    if (besideBefore) return besideBefore;
    // "Back to the radiotherapy - could the pain get worse afterwards?" leans on the turn that spoke of it,
    // not on what was asked in between.
    const returned = turnReturnedTo(history, text);
    if (returned !== undefined && returned < history.length - 1) return rewrite(history.slice(0, returned + 1), text);
    if ((DIGRESSION.test(text) && !pointsBack(text)) || ACKNOWLEDGES.test(text)) return text;
    const named = scoreNamedBack(formNamedBack(typeNamedBack(withoutFormBeforeName(text), history), history), history);
    if (named !== text) return rewrite(history, named);
    // "Already on denosumab 120 mg monthly": a message that only tells a treatment adds it to the question before.
    const addition = toldTreatment(text, history.at(-1)!.standaloneQuestion.trim());
    if (addition) return addition;
    const fact = toldFact(text, history.at(-1)!.standaloneQuestion.trim()) ?? factAskedAbout(text, history.at(-1)!.standaloneQuestion.trim());
    if (fact) return fact;
    // "Can this be cured or not?" after questions on his tablets asks of his cancer, not of the tablets.
    if (ASKS_OWN_OUTLOOK.test(text) && entities(text).length === 0) return text;
    // "Can I take brivudine for shingles while I'm on them?": the medicine pointed at is the one taken before; and
    // "she's on apixaban for a DVT - any issue?" asks about it beside the one taken before, however short.
    const besidePointedAt = ON_THEM.test(text) || ASKS_IF_THAT_IS_OK.test(text) ? (takenBeside(text, history) ?? withTreatmentPointedAt(text, history)) : undefined;
    if (besidePointedAt) return besidePointedAt;
    // A question that stands on its own but speaks of the person ("can he have a PARP inhibitor?") keeps what was said of them.
    if (!isElliptical(text)) {
      const withTreatment = treatmentWantedFor(text, history);
      if (withTreatment) return withTreatment;
      const slots = new Set(entities(text).map((entity) => entity.slot));
      // "I was sick after my tablet. Should I take another dose?": the tablet is the treatment of the turns before.
      const tablets = UNNAMED_TABLET.test(text) && !slots.has('treatment') ? recentTreatments(history) : [];
      if (tablets.length > 0) return endingWith(text, `on ${joinTerms(surfaces(tablets))}`);
      // "How is hyperglycaemia monitored?" right after an answer naming it as a harm of alpelisib asks about it on alpelisib;
      // so does "how should we monitor for ILD?" after a question on trastuzumab deruxtecan, whose harm the knowledge says it is.
      const harmsOfLastAnswer = slots.has('treatment') ? [] : harmsAnsweredBefore(text, history.at(-1));
      // (…asked about, not told: "she's had a sore gum that won't heal" says what she has, whatever caused it.)
      const askedBefore = slots.has('treatment') ? [] : recentTreatments(history);
      // …but a harm reported and nothing asked ("I've got a new cough and I'm breathless" after questions on trastuzumab
      // deruxtecan) happens on the treatment: it is its circumstance, and the answer is about the harm.
      // (Not one put down to something caught from someone: "she's got a dry cough from her grandson".)
      const reportOnly = HARM_TOLD.test(text) && !text.includes('?') && !CAUGHT_FROM_SOMEONE.test(text);
      const harmOfTreatmentBefore = HARM_TOLD.test(text) && !reportOnly ? [] : askedBefore.filter((treatment) => {
        const harms = harmsOf(treatment.canonical);
        return entities(text).some((entity) => harms.includes(entity.canonical));
      });
      if (harmsOfLastAnswer.length > 0 || harmOfTreatmentBefore.length > 0) {
        const treatments = harmOfTreatmentBefore.length > 0 ? harmOfTreatmentBefore : askedBefore;
        if (treatments.length > 0) return endingWith(text, `${reportOnly ? 'while on' : 'on'} ${joinTerms(surfaces(treatments))}`);
      }
      // "I work in a primary school and there are always bugs going round. What should I look out for?" after a
      // question on palbociclib asks what to look out for on it.
      if (LOOK_OUT_FOR.test(text) && askedBefore.length > 0) return endingWith(text, `on ${joinTerms(surfaces(askedBefore))}`);
      // "Can I take St John's wort?" after questions on ribociclib: another kind of medicine, taken beside it.
      const beside = takenBeside(text, history);
      if (beside) return beside;
      if (!PERSON.test(text) || ANOTHER_RELATIVE.test(text)) return text;
      const told = withLasting(text, lastingFacts(history, history.length, slots));
      // "She's also been started on clarithromycin, is that a problem?": a medicine added is asked about beside those taken.
      const namedTreatments = new Set(entities(text).filter((entity) => entity.slot === 'treatment').map((entity) => entity.canonical));
      const treatmentsBefore = recentTreatments(history).filter((entity) => !namedTreatments.has(entity.canonical));
      if (treatmentsBefore.length > 0) {
        const takenBefore = joinTerms(surfaces(treatmentsBefore));
        if (slots.has('treatment') && ADDED_TO.test(text)) return endingWith(told, `with ${takenBefore}`);
        // "Should she have DPD testing first?" after a question on capecitabine asks about the test before capecitabine.
        if ((slots.has('treatment') || slots.has('marker')) && BEFORE_IT.test(text)) return capitalise(tidy(told.replace(BEFORE_IT, `before ${takenBefore}`), false));
        // "Should she switch to zoledronic acid then?" after a question on stopping denosumab switches from denosumab.
        if (slots.has('treatment') && SWITCH.test(text) && !/\b(?:from|instead of)\b/i.test(text)) {
          const switched = /\binstead\b/i.test(told) ? told.replace(/\binstead\b/i, `instead of ${takenBefore}`) : told.replace(/\bswitch(?:ed|ing)?\b/i, (verb) => `${verb} from ${takenBefore}`);
          return capitalise(tidy(switched, false));
        }
      }
      const treatments = TIME_ON_TREATMENT.test(text) && !slots.has('treatment') ? recentTreatments(history) : [];
      if (treatments.length > 0) return endingWith(told, `on ${joinTerms(surfaces(treatments))}`);
      // "She asks should she give dexamethasone, what dose?" after suspected cord compression: a dose is given for
      // a condition, so the condition the turn before asked about comes with the question.
      // …and so is one asked as what comes next for it ("how quickly does she need the MRI?", "…afterwards?").
      const conditions = slots.has('treatment') && !slots.has('topic') && (DOSE_ASKED.test(text) || COMES_NEXT.test(text)) ? topicsOfLastTurn(history) : [];
      return conditions.length > 0 ? endingWith(told, `for ${joinTerms(surfaces(conditions))}`) : told;
    }
    const latest = latestNaming(history);
    if (!latest) return text;
    const { previous, index } = latest;
    // "What about me? I was diagnosed in January": the writer's own case, not the relative's disease, setting
    // or population; only the test or treatment asked about carries over.
    // …and so is another relative's ("and my sister is on Prolia for osteoporosis - she wants to stop it"), unless the
    // question before is asked again of them ("my sister's has gone to the bones in her neck. are the signs the same for her?").
    const ownCase = WRITER_OWN_CASE.test(text) || (ANOTHER_RELATIVE.test(text) && !SAME_AS_BEFORE.test(text));
    const before = ownCase ? latest.before.filter((entity) => CARRIED_TO_WRITER.has(entity.slot)) : latest.before;
    const lasting = ownCase || ANOTHER_RELATIVE.test(text) ? [] : latest.lasting;
    const body = happeningNamed(signsNamed(withMeasureNamed(text.replace(LEAD_IN, '').trim(), before, previous), previous), before);
    // A provider ("seeing a dentist") does not replace the treatment asked about before.
    const stated = entities(body).filter((entity) => !PERSON_NAMED.test(entity.surface));
    const statedSlots = new Set(stated.map((entity) => entity.slot));
    const carriedFacts = lasting.filter((entity) => !statedSlots.has(entity.slot));
    if (isBareSubstitution(body, stated, previous)) return withLasting(substitute(previous, before, stated, body), carriedFacts);
    // "What about during my week off the tablets?" after "Can I take brivudine while I'm on capecitabine?": the
    // question before, asked of a time or circumstance that names nothing.
    if (stated.length === 0 && WHAT_ABOUT.test(text) && WHEN_OR_WHILE.test(body) && YES_NO_QUESTION.test(previous)) return `${stripEnd(previous)}, ${stripEnd(body)}?`;
    // "Does that apply to someone who's had a year of zol?" after a trial's result asks whether the trial applies.
    const trial = bySlot(before, 'trial')[0];
    if (trial && APPLIES_BACK.test(text) && !statedSlots.has('trial')) return withLasting(capitalise(`does ${trial.surface} apply to ${stripEnd(body)}${endOf(text)}`), carriedFacts);
    return withLasting(
      extend(body, before, stated, previous, answeredTreatments(history.at(-1)), () => recentTreatments(history.slice(0, index)), treatmentsGivenAs(formNamed(body), history)),
      carriedFacts,
    );
  }

  /**
   * "And if it's higher, say 3.6?" after "Corrected calcium 2.8 mmol/L… How do I manage it?": the question before,
   * asked with the new figure in place of the one it gave, when it gave exactly one.
   */
  /**
   * "After that?" or "and on progression?" after a question on first-line treatment asks about the second line: the
   * latest of the last few questions that named a line, a line on ("…once the docetaxel stops?" may come between).
   */
  function nextLineAsked(text: string, history: readonly PriorQuestion[]): string | undefined {
    if (!AFTER_THAT.test(text) && !PROGRESSION_ONLY.test(text)) return undefined;
    for (const turn of history.slice(-LINE_LOOKBACK_TURNS).reverse()) {
      const asked = turn.standaloneQuestion.trim();
      const line = LINE_NAMED.exec(asked);
      const next = line ? NEXT_LINE[line[1]!.toLowerCase()] : undefined;
      if (line && next) return `${asked.slice(0, line.index)}${next}-line${asked.slice(line.index + line[0].length)}`;
    }
    return undefined;
  }

  function valueToldAgain(text: string, previous: string): string | undefined {
    const grade = GRADE_TOLD_AGAIN.exec(text);
    if (grade) return withGrade(previous, grade[1]!.toLowerCase(), grade[2]!);
    const told = VALUE_TOLD_AGAIN.exec(text);
    if (told) return withValue(previous, told[1]!);
    const corrected = VALUE_CORRECTED.exec(text);
    if (!corrected) return undefined;
    const question = withValue(previous, corrected[1]!);
    const after = corrected[2]!.trim();
    return question === undefined || after === '' ? question : `${stripEnd(question)}${endOf(question)} ${capitalise(after)}`;
  }

  /**
   * The question before narrowed as the message asks: to the medicines it names ("just the palbociclib": the
   * question before asked of palbociclib alone), or to their side effects or dose ("only the side effects please").
   */
  function narrowedQuestion(text: string, history: readonly PriorQuestion[]): string | undefined {
    const narrowing = NARROWED.exec(text);
    if (!narrowing) return undefined;
    const [, part, after] = narrowing;
    const previous = history.at(-1)!.standaloneQuestion.trim();
    const rest = after?.trim() ?? '';
    const said = rest === '' ? '' : ` ${capitalise(rest)}${/[.?!]$/.test(rest) ? '' : '.'}`;
    const named = entities(part!).filter((entity) => entity.slot === 'treatment');
    const treatments = recentTreatments(history);
    if (named.length > 0 && named.every((entity) => treatments.some((earlier) => earlier.canonical === entity.canonical))) {
      const asking = askingSentences(previous) ?? previous;
      return `${stripEnd(asking)} with ${joinTerms(surfaces(named))}${endOf(asking)}${said}`;
    }
    if (treatments.length === 0) return undefined;
    const of = joinTerms(surfaces(treatments));
    if (NARROWED_TO_HARMS.test(part!.trim())) return `What are the side effects of ${of}?${said}`;
    if (NARROWED_TO_DOSE.test(part!.trim())) return `What is the dose of ${of}?${said}`;
    return undefined;
  }

  /**
   * "And if grade 2?" after "asymptomatic grade 1 changes - can she continue?": the question before, of the grade (or
   * stage) now told, when it told exactly one; what the old grade was said to be like ("asymptomatic") goes with it.
   */
  function withGrade(previous: string, kind: string, figure: string): string | undefined {
    const pattern = new RegExp(`\\b(?:(?:a)?symptomatic\\s+)?${kind}\\s+[0-4]\\b`, 'gi');
    const found = [...previous.matchAll(pattern)];
    if (found.length !== 1) return undefined;
    const at = found[0]!.index ?? 0;
    return `${previous.slice(0, at)}${kind} ${figure}${previous.slice(at + found[0]![0].length)}`;
  }

  /** The question with the one value it tells set to another figure, when it tells exactly one. */
  function withValue(previous: string, figureTold: string): string | undefined {
    const values = entities(previous).filter((entity) => entity.slot === 'value');
    const figures = values.length === 1 ? [...values[0]!.surface.matchAll(FIGURE)] : [];
    if (figures.length !== 1) return undefined;
    const value = values[0]!;
    const figure = figures[0]!;
    const start = value.start + (figure.index ?? 0);
    return `${previous.slice(0, start)}${figureTold}${previous.slice(start + figure[0].length)}`;
  }

  /** "My type" as the subtype the conversation named last, when it named one and the message names none. */
  function typeNamedBack(text: string, history: readonly PriorQuestion[]): string {
    const reference = TYPE_NAMED_BACK.exec(text);
    if (!reference || entities(text).some((entity) => entity.slot === 'subtype')) return text;
    for (const earlier of [...history].reverse()) {
      const subtypes = namedIn(earlier.standaloneQuestion).filter((entity) => entity.slot === 'subtype');
      if (subtypes.length > 0) return `${text.slice(0, reference.index)}${joinTerms(surfaces(subtypes))}${text.slice(reference.index + reference[0].length)}`;
    }
    return text;
  }

  /**
   * A score the message speaks of without naming it is the one named in the last few turns: "what score means she
   * needs a surgical opinion?" after the SINS asks the SINS, and "she scores 9" has a SINS of 9 (not a Mirels score of 9).
   */
  function scoreNamedBack(text: string, history: readonly PriorQuestion[]): string {
    const reference = SCORE_NAMED_BACK.exec(text);
    const isScore = (entity: Entity) => entity.slot !== 'value' && ENDS_WITH_SCORE.test(entity.canonical);
    if (!reference || entities(text).some((entity) => isScore(entity) || /score/i.test(entity.surface))) return text;
    for (const earlier of history.slice(-LASTING_TURNS).reverse()) {
      const score = namedIn(earlier.standaloneQuestion).find(isScore);
      if (!score) continue;
      const name = score.surface.replace(ENDS_WITH_SCORE, '');
      const said = reference[1] === undefined ? `${name} score` : `has a ${name} score of ${reference[1]}`;
      return `${text.slice(0, reference.index)}${said}${text.slice(reference.index + reference[0].length)}`;
    }
    return text;
  }

  /** "Is it the same for the injection, Xgeva?": the form said before the medicine's name is the medicine. */
  function withoutFormBeforeName(text: string): string {
    const form = FORM_BEFORE_NAME.exec(text);
    if (!form) return text;
    const end = form.index + form[0].length;
    const named = entities(text).some((entity) => entity.slot === 'treatment' && isMedicine(entity) && entity.start === end);
    return named ? `${text.slice(0, form.index)}${text.slice(end)}` : text;
  }

  /** "The drip" as the medicine named before that is given as one, when the message names no treatment. */
  function formNamedBack(text: string, history: readonly PriorQuestion[]): string {
    const reference = FORM_NAMED_BACK.exec(text);
    if (!reference || entities(text).some((entity) => entity.slot === 'treatment' && isMedicine(entity))) return text;
    // What was told ("I'm on zoledronic acid drips") counts as much as what was asked about, in any turn.
    const given = treatmentsGivenAs(formNamed(reference[0]), history, entities, history.length);
    if (given.length === 0) return text;
    return `${text.slice(0, reference.index)}${joinTerms(surfaces(given))}${text.slice(reference.index + reference[0].length)}`;
  }

  /** The latest turn that named what a message goes back to ("going back to the injection"), if the message does. */
  function turnReturnedTo(history: readonly PriorQuestion[], text: string): number | undefined {
    const returning = RETURN_TO.exec(text);
    if (!returning) return undefined;
    const from = returning.index + returning[0].length - returning[1]!.length;
    const named = entities(text).filter((entity) => entity.start >= from && entity.start <= from + 1 && !isBackground(entity)).map((entity) => entity.canonical);
    const form = formNamed(returning[1]!);
    const word = new RegExp(`\\b${escapeRegExp(returning[1]!)}\\b`, 'i');
    for (let index = history.length - 1; index >= 0; index -= 1) {
      const earlier = history[index]!;
      // The message as written: a digression's rewrite may have carried the subject into it.
      const names = entities(earlier.question);
      if (named.length > 0 ? names.some((entity) => named.includes(entity.canonical)) : word.test(earlier.question) || (form !== undefined && form.test(earlier.question))) return index;
    }
    return undefined;
  }

  /**
   * "What should I give to prevent rebound?" after a question on stopping denosumab: a short question asking
   * what to give for a condition, naming no treatment, is asked about the treatment of the turns before.
   */
  function treatmentWantedFor(text: string, history: readonly PriorQuestion[]): string | undefined {
    if (!TREATMENT_WANTED.test(text) || words(text).length > SHORT_FOLLOW_UP_WORDS) return undefined;
    const named = entities(text).filter((entity) => !isBackground(entity));
    if (named.length === 0 || named.some((entity) => entity.slot !== 'topic')) return undefined;
    const treatments = recentTreatments(history);
    if (treatments.length === 0) return undefined;
    // …after stopping it, when that is what was asked before ("wants to stop after 2 years").
    const link = STOPPED_BEFORE.test(history.at(-1)!.standaloneQuestion) ? 'after stopping' : 'with';
    return endingWith(text, `${link} ${joinTerms(surfaces(treatments))}`);
  }

  /**
   * The question before with the message added, when the message asks nothing and tells only treatments
   * ("already on denosumab 120 mg monthly" after "corrected calcium 3.2 mmol/L… management?"); a message
   * telling a symptom or condition is read as one of its own.
   */
  function toldTreatment(text: string, previous: string): string | undefined {
    if (previous === '' || /\?/.test(text) || ASKS.test(text)) return undefined;
    const told = entities(text);
    if (told.length === 0 || told.some((entity) => entity.slot !== 'treatment' && entity.slot !== 'value')) return undefined;
    // "denosumab" alone replaces the treatment asked about before ("…dose?" → "denosumab dose?").
    if (isBareSubstitution(text, told)) return undefined;
    return appendedTo(previous, text);
  }

  /**
   * The question before with the message added, when the message asks nothing and tells one more thing about
   * the person: "she also has osteoporosis with a previous vertebral fracture", "her baseline QTcF is 470 ms".
   */
  function toldFact(text: string, previous: string): string | undefined {
    if (previous === '' || /\?/.test(text) || ASKS.test(text) || words(text).length > TOLD_DETAIL_WORDS) return undefined;
    // A symptom told ("she's also been very thirsty", "2 cycles in and she's got a cough") is read on its own.
    // …and so does what an answer asked back ("HER2 is 2+ with negative ISH, ER-positive, one line of chemo").
    const named = entities(text);
    const tellsFinding = (ALSO_SHOWS.test(text) && named.some((entity) => entity.slot === 'topic' && !isBackground(entity))) || (SCORE_DETAIL.test(text) && ASKS_A_SCORE.test(previous)) || TOLD_SCORE.test(text);
    if (tellsFinding) return appendedTo(previous, text);
    // What an answer asked back, or what was left out: "she's premenopausal, still cycling", "I still have
    // periods, I'm 41", "forgot to say, the patient is a man", "no, she hasn't had any chemo for metastatic
    // disease", "she broke a bone in her spine from thin bones a few years ago".
    const tellsWhoOrWhatBefore =
      FORGOT_TO_SAY.test(text) ||
      named.some((entity) => entity.slot === 'population') ||
      (ANSWERS_BACK.test(text) && named.some((entity) => entity.slot === 'treatment' || entity.slot === 'setting')) ||
      ((PERSON.test(text) || /\b(?:i|my)\b/i.test(text)) && TOLD_AS_PAST.test(text) && named.length > 0);
    if (tellsWhoOrWhatBefore) return appendedTo(previous, text.replace(FORGOT_TO_SAY, '').trim() || text);
    if (words(text).length > TOLD_FACT_WORDS) return undefined;
    const tellsMore =
      MEASURED_FACT.test(text) ||
      (ALSO_HAS.test(text) && named.some((entity) => entity.slot === 'topic' && !isBackground(entity))) ||
      named.filter((entity) => entity.slot === 'subtype' || entity.slot === 'marker').length > 0;
    if (!tellsMore || !(PERSON.test(text) || named.some((entity) => entity.slot === 'subtype' || entity.slot === 'marker'))) return undefined;
    return appendedTo(previous, text);
  }

  /**
   * One more fact about the person, asked whether it changes what was said: "pt is an insulin-treated diabetic,
   * still worth giving?", "she also has osteoporosis…, does that matter?", "she's 83 and her eGFR is 24 - same dose?".
   * The question before is asked again, the fact told beside it.
   */
  function factAskedAbout(text: string, previous: string): string | undefined {
    if (previous === '' || !ASKS_IF_IT_CHANGES.test(text) || words(text).length > TOLD_DETAIL_WORDS) return undefined;
    const tells = MEASURED_FACT.test(text) || AGE_TOLD.test(text) || entities(text).some((entity) => entity.slot === 'topic' || entity.slot === 'population' || entity.slot === 'value');
    if (!tells || !(PERSON.test(text) || /\b(?:pt|patient)\b/i.test(text))) return undefined;
    return `${capitalise(stripEnd(text.replace(ASKS_IF_IT_CHANGES, '').replace(/[\s,;-]+$/, '')))}. ${capitalise(previous)}`;
  }

  /** The conditions the turn before asked about, if it named any. */
  function topicsOfLastTurn(history: readonly PriorQuestion[]): Entity[] {
    return namedIn(history.at(-1)!.standaloneQuestion).filter((entity) => entity.slot === 'topic' && !isBackground(entity));
  }

  /** The message asked beside the medicines of the turns before, when it asks to take only medicines of another kind. */
  function takenBeside(text: string, history: readonly PriorQuestion[]): string | undefined {
    const named = entities(text).filter((entity) => !isBackground(entity));
    // "I also take phenytoin, is that ok?", "she's on apixaban for a DVT - any issue?": a medicine told as taken, asked if it goes with the treatment.
    const toldTaken = ASKS_IF_THAT_IS_OK.test(text) && (ADDED_TO.test(text) || named.some((entity) => TAKEN_BEFORE.test(text.slice(0, entity.start))));
    if (!(ASKS_TO_TAKE.test(text) || toldTaken) || SWITCH.test(text)) return undefined;
    // "Can I take brivudine for shingles while I'm on them?": what it is taken for may be named, when the medicine taken is pointed at.
    const pointedAt = ON_THEM.exec(text);
    const medicines = named.filter((entity) => entity.slot === 'treatment' && isMedicine(entity));
    // …or when all else named is what the medicine is taken for ("can she take HRT for the hot flushes?").
    const takenFor = (entity: Entity) => TAKEN_FOR.test(text.slice(0, entity.start));
    if (medicines.length === 0 || (!pointedAt && !named.every((entity) => medicines.includes(entity) || takenFor(entity)))) return undefined;
    const taken = medicinesTaken(history);
    const earlier = taken.length > 0 ? taken : recentTreatments(history).filter(isMedicine);
    if (!ofAnotherKind(medicines, earlier)) return undefined;
    if (pointedAt) return namedWherePointed(text, pointedAt, earlier);
    return endingWith(text, `with ${joinTerms(surfaces(earlier))}`);
  }

  /** The medicines the person said they are on in the latest turns ("low white cells on ribociclib"), the latest first. */
  /**
   * "She is 78 and prediabetic - is that a concern with it?" after an answer recommending alpelisib: "it" is the
   * treatment the last answer gave whose harm the message names (hyperglycaemia).
   */
  function withTreatmentPointedAt(text: string, history: readonly PriorQuestion[]): string | undefined {
    const pointedAt = ON_THEM.exec(text);
    const found = entities(text);
    if (!pointedAt || found.some((entity) => entity.slot === 'treatment')) return undefined;
    const answered = answeredTreatments(history.at(-1)).filter(isMedicine);
    const harmed = answered.filter((treatment) => found.some((entity) => harmsOf(treatment.canonical).includes(entity.canonical)));
    if (harmed.length === 0) return undefined;
    return namedWherePointed(text, pointedAt, harmed);
  }
  /** "…while I'm on them" with the treatments meant in place of the pronoun. */
  function namedWherePointed(text: string, pointedAt: RegExpExecArray, treatments: readonly Entity[]): string {
    return capitalise(tidy(`${text.slice(0, pointedAt.index)}${pointedAt[1]} ${joinTerms(surfaces(treatments))}${text.slice(pointedAt.index + pointedAt[0].length)}`, false));
  }
  /**
   * "What about my warfarin?" after "I'm on capecitabine. Is it ok to take antacids with it?" asks the same of warfarin:
   * whether it goes with the medicine taken, which the slot swap would replace.
   */
  function askedBesideAsBefore(text: string, history: readonly PriorQuestion[]): string | undefined {
    if (!WHAT_ABOUT_MINE.test(text) || !ASKED_TOGETHER.test(history.at(-1)!.standaloneQuestion)) return undefined;
    const named = entities(text).filter((entity) => !isBackground(entity));
    const medicines = named.filter((entity) => entity.slot === 'treatment' && isMedicine(entity));
    if (medicines.length === 0 || medicines.length !== named.length) return undefined;
    const taken = medicinesTaken(history);
    const takenNames = surfaces(taken);
    if (takenNames.length === 0 || !ofAnotherKind(medicines, taken)) return undefined;
    return `Is it ok to take ${joinTerms(surfaces(medicines))} with ${joinTerms(takenNames)}?`;
  }

  function medicinesTaken(history: readonly PriorQuestion[]): Entity[] {
    // (…as the message told it, or as its rewrite did: "while I'm on them" became "while I'm on capecitabine".)
    const taken = (text: string) => entities(text).filter((entity) => entity.slot === 'treatment' && isMedicine(entity) && TAKEN_BEFORE.test(text.slice(0, entity.start)));
    for (const earlier of history.slice(-LASTING_TURNS).reverse()) {
      const found = taken(earlier.question);
      if (found.length > 0) return found;
      const rewritten = taken(earlier.standaloneQuestion);
      if (rewritten.length > 0) return rewritten;
    }
    return [];
  }

  /** The treatments the latest questions named (within `LASTING_TURNS`), the latest that named any. */
  function recentTreatments(history: readonly PriorQuestion[]): Entity[] {
    for (const earlier of history.slice(-LASTING_TURNS).reverse()) {
      const found = namedIn(earlier.standaloneQuestion).filter((entity) => entity.slot === 'treatment' && !isBackground(entity));
      if (found.length > 0) return found;
    }
    return [];
  }

  /** The treatments of the latest turns (within `turns`, as `named` reads them) given in a form ("injection"), the latest that names any. */
  function treatmentsGivenAs(form: RegExp | undefined, history: readonly PriorQuestion[], named: (question: string) => Entity[] = namedIn, turns = LASTING_TURNS): Entity[] {
    if (!form) return [];
    for (const earlier of history.slice(-turns).reverse()) {
      const found = named(earlier.standaloneQuestion).filter(
        (entity) => entity.slot === 'treatment' && !isBackground(entity) && (matcher.get(entity.canonical)?.terms.some((term) => form.test(term)) ?? false),
      );
      if (found.length > 0) return found;
    }
    return [];
  }

  /** The treatments the last answer's bottom line named, most specific only: what "it" can mean when the question named none. */
  function answeredTreatments(turn: PriorQuestion | undefined): Entity[] {
    if (!turn?.answerLead) return [];
    const lead = turn.answerLead;
    // "After trastuzumab and a taxane, trastuzumab deruxtecan is…": what came before is not what is recommended.
    const named = entities(lead).filter((entity) => entity.slot === 'treatment' && !isBackground(entity) && !PERSON_NAMED.test(entity.surface) && !GIVEN_BEFORE.test(lead.slice(0, entity.start)));
    // "Endocrine therapy (an aromatase inhibitor or fulvestrant) plus a CDK4/6 inhibitor (palbociclib…)":
    // what the bracketed examples illustrate is the treatment; they stand for it only when nothing else is named.
    const outside = named.filter((entity) => !insideBrackets(lead, entity.start));
    return outside.length > 0 ? outside : named;
  }

  /** The question with the person's lasting facts from earlier turns added, those it does not name already. */
  function withLasting(question: string, lasting: readonly Entity[]): string {
    const inQuestion = entities(question);
    const named = new Set(inQuestion.map((entity) => entity.canonical));
    const toldAnew = measuresTold(inQuestion);
    const missing = lasting.filter((entity) => !named.has(entity.canonical) && !measuredAgain(entity, toldAnew));
    if (missing.length === 0) return question;
    const parts = CARRY_ORDER.filter((slot) => missing.some((entity) => entity.slot === slot)).map((slot) => `${PREPOSITION[slot]} ${joinTerms(surfaces(bySlot(missing, slot)))}`);
    return endingWith(question, mergeFor(parts).join(' '));
  }

  return { rewrite, entities, isElliptical };
}

/** The question before with a message that tells more of the case added as a sentence of its own. */
/** The question with words added at its end, before its closing mark: "Can I take loperamide" + "on capecitabine". */
function endingWith(question: string, words: string): string {
  return capitalise(tidy(`${stripEnd(question)} ${words}${endOf(question)}`, false));
}

function appendedTo(previous: string, text: string): string {
  return `${stripEnd(previous)}${endOf(previous)} ${capitalise(stripEnd(text))}.`;
}

// "for HR-positive for metastatic breast cancer" reads as "for HR-positive metastatic breast cancer".
function mergeFor(parts: string[]): string[] {
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last?.startsWith('for ') && part.startsWith('for ')) merged[merged.length - 1] = `${last} ${part.slice(4)}`;
    else merged.push(part);
  }
  return merged;
}

/** The words a measurement is named by, before its number: "corrected calcium 3.4 mmol/L" → "corrected calcium". */
/** The measures a text's values are of, by the last word of each measure's name ("corrected calcium of 3.4": calcium). */
function measuresTold(found: readonly Entity[]): Set<string> {
  return new Set(found.filter((entity) => entity.slot === 'value').map((entity) => measureOf(entity.surface)).filter((measure) => measure !== ''));
}

/** A value of a measure told anew: "calcium still 3.3 on day 4" replaces "corrected calcium of 3.4". */
function measuredAgain(entity: Entity, toldAnew: ReadonlySet<string>): boolean {
  return entity.slot === 'value' && toldAnew.has(measureOf(entity.surface));
}

// Every reading of kidney function is one measure: a creatinine told anew replaces an eGFR told before.
const KIDNEY_MEASURES = new Set(['egfr', 'gfr', 'crcl', 'clearance', 'creatinine', 'creat', 'cr']);

function measureOf(surface: string): string {
  const words = measureNamed(surface).split(' ');
  return words.some((word) => KIDNEY_MEASURES.has(word)) ? 'kidney function' : (words.at(-1) ?? '');
}

function measureNamed(surface: string): string {
  return surface
    .toLowerCase()
    .split(/\d/)[0]!
    .replace(/\b(?:is|was|of|at|about|around|now|today|still)\b|[=:~]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function stripEnd(text: string): string {
  return text.replace(/[\s?.!]+$/, '');
}

// A message ending on a telling sentence after its question ("naproxen ok? eGFR 48 and she's on ramipril") ends as one.
function endOf(text: string): string {
  const trimmed = text.trim();
  if (/[?!.]$/.test(trimmed)) return trimmed.slice(-1);
  return trimmed.includes('?') ? '.' : '?';
}

// Removing a term can leave "for , HER2", "with for HER2" or doubled spaces behind; only text with a
// term removed may have a connector left dangling before another.
function tidy(text: string, termsRemoved = true): string {
  const tidied = text
    .replace(/\s+([,?.!])/g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/\b(and|or|for|in|with),\s*/gi, '$1 ')
    .replace(/,\s*(and|or)\s+(?=[,?.!]|$)/gi, '')
    .replace(/\s+(and|or)\s*([?.!]|$)/gi, '$2')
    .replace(/\s{2,}/g, ' ')
    // (not inside a number: "1,300")
    .replace(/,(?!\d{3}\b)(\S)/g, ', $1')
    .trim();
  return termsRemoved ? tidied.replace(/(^|\s)(for|in|with|and|or)\s+(?=(for|in|with|and|or)\s)/gi, '$1') : tidied;
}

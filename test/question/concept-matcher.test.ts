import { describe, expect, it } from 'vitest';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const { tools } = await servicesFor(PACK_KNOWLEDGE);
const { matcher } = tools;
const names = (text: string) => matcher.find(text).map((match) => match.concept.name);

describe('concept matcher over the knowledge vocabulary', () => {
  it('takes the longest term at each place, synonyms and brand names included', () => {
    expect(names('trastuzumab deruxtecan after trastuzumab')).toEqual(['trastuzumab deruxtecan', 'trastuzumab']);
    expect(names('Xgeva or Zometa for HER2-low disease')).toEqual(['denosumab', 'zoledronic acid', 'HER2-low']);
    expect(names('HR+/HER2- MBC')).toEqual(['hormone receptor-positive', 'metastatic breast cancer']);
  });

  it('gives each match the words the user wrote and where they are', () => {
    const [match] = matcher.find('Is Zometa safe?');
    expect(match).toMatchObject({ surface: 'Zometa', start: 3, end: 9 });
  });

  it('reads word forms and possessives the way the term is written', () => {
    expect(names('Why was my bone biopsied?')).toContain('biopsy');
    expect(names("My sister's cancer has gone to her bones")).toContain('bone metastases');
    expect(names('bisphosphonates')).toEqual(['bisphosphonate']);
  });

  it('corrects a misspelt long word to the term it is one or two edits from', () => {
    expect(names('denosumub dose')).toEqual(['denosumab']);
    expect(names('zolendronic acid')).toEqual(['zoledronic acid']);
  });

  it('does not "correct" short words or words the knowledge itself uses into other concepts', () => {
    // "fibrillation" is one edit from "febrile" once stemmed; "of" must not become OFS. Atrial
    // fibrillation is a concept of its own (named to say it is not covered), never a fever.
    expect(names('How should atrial fibrillation be anticoagulated?')).toEqual(['atrial fibrillation']);
    expect(names('the first-line treatment for each subtype of metastatic breast cancer')).not.toContain('ovarian function suppression');
  });

  it('knows which concepts are within which', () => {
    expect([...matcher.broader('zoledronic acid')]).toEqual(expect.arrayContaining(['bone-modifying agent', 'bisphosphonate']));
    expect([...matcher.narrower('CDK4/6 inhibitor')]).toEqual(expect.arrayContaining(['palbociclib', 'ribociclib', 'abemaciclib']));
    expect(matcher.narrower('denosumab').has('zoledronic acid')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { affirmedMatches, isNegated, polarityOf } from '../../src/rules/negation.js';

function negated(text: string, target: string, options?: { acrossCommas?: boolean }): boolean {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${text}"`);
  return isNegated(text, start, start + target.length, options);
}

describe('isNegated', () => {
  it.each([
    ['no leg weakness', 'leg weakness'],
    ['denies numbness, tingling or weakness', 'weakness'],
    ['without fever', 'fever'],
    ['negative for cord compression', 'cord compression'],
    ['cord compression ruled out', 'cord compression'],
    ['cord compression was excluded', 'cord compression'],
    ["she doesn't have any back pain", 'back pain'],
    ['free of bone pain', 'bone pain'],
    ['weakness: none', 'weakness'],
    ['no weakness in my arms and legs', 'legs'],
    ['no back-pain or leg weakness', 'leg weakness'],
    ["i don't think i'm confused", 'confused'],
    // A clinician's "denies" governs a list whose items are new.
    ['she denies fever, new pain, weakness or numbness in her legs', 'numbness in her legs'],
  ])('"%s" negates "%s"', (text, target) => {
    expect(negated(text, target)).toBe(true);
  });

  it.each([
    ['leg weakness', 'leg weakness'],
    ['no fever, but new back pain', 'back pain'],
    ['no fever, new weakness in her legs', 'weakness in her legs'],
    ['no fever. back pain since monday', 'back pain'],
    ['no visceral crisis, progressed on letrozole and palbociclib', 'palbociclib'],
    ["can't rule out cord compression", 'cord compression'],
    ['cord compression not excluded', 'cord compression'],
    ['i can no longer walk', 'walk'],
    // "Can't … without" affirms what follows: the legs do go from under her.
    ["i can't get to the kitchen without my legs going from under me", 'legs going'],
    ['not only back pain but leg weakness', 'leg weakness'],
    ['no improvement in her leg weakness over the last few weeks of treatment', 'leg weakness'],
    // "And" with a new subject starts a new statement.
    ['i could not get up without pushing with my arms and my knees keep buckling', 'knees keep buckling'],
    // What someone says is a statement of its own.
    ["hubby's not passed water since last night and says he can't feel his legs", "can't feel his legs"],
    ["so thirsty, not eating, says she's bunged up", 'bunged up'],
    // "Not herself" says something is wrong; it denies nothing after it.
    ["mum's just not herself, really thirsty, being sick", 'thirsty'],
    ['not well, vomiting since last night', 'vomiting'],
    // A dash set off by spaces ends the clause; one inside a word does not.
    ['not sure - my back pain goes round like a corset', 'back pain'],
    // A subject and verb running on without a comma open a new statement.
    ["if the next treatment doesn't work i'm going to end it myself", 'end it myself'],
  ])('"%s" does not negate "%s"', (text, target) => {
    expect(negated(text, target)).toBe(false);
  });

  it('keeps a cue within its comma piece when asked', () => {
    expect(negated('no pik3ca mutation, esr1 mutation detected', 'esr1 mutation')).toBe(true);
    expect(negated('no pik3ca mutation, esr1 mutation detected', 'esr1 mutation', { acrossCommas: false })).toBe(false);
  });
});

describe('affirmedMatches and polarityOf', () => {
  it('returns only the affirmed matches', () => {
    expect(affirmedMatches('no fever yesterday; fever today', /fever/g).map((match) => match.index)).toEqual([20]);
  });

  it('tells affirmed, negated and absent apart', () => {
    expect(polarityOf('visceral crisis', /visceral crisis/g)).toBe('affirmed');
    expect(polarityOf('no visceral crisis', /visceral crisis/g)).toBe('negated');
    expect(polarityOf('liver metastases', /visceral crisis/g)).toBe('absent');
  });
});

describe('"never"', () => {
  it('denies a thought, a wish or an attempt, and no sign told with it', () => {
    expect(negated('I have never had any thoughts of harming myself but I feel low', 'thoughts of harming myself')).toBe(true);
    expect(negated("I've never felt suicidal", 'suicidal')).toBe(true);
    expect(negated("I've never thought about ending my life", 'ending my life')).toBe(true);
    expect(negated("I've never had back pain like this", 'back pain')).toBe(false);
    expect(negated('never felt so weak in my legs', 'weak in my legs')).toBe(false);
    // …until now.
    expect(negated("I'd never had thoughts of ending it until this week", 'thoughts of ending it')).toBe(false);
    expect(negated('I never wanted to die before but now I do', 'wanted to die')).toBe(false);
  });
});


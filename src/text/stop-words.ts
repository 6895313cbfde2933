// Words that carry no clinical meaning for matching. Negations ("no", "not") are kept out of
// this list's callers' reach where they matter: the validator checks them separately.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each either else ever few for from
  further had has have having her here hers herself him himself his how i if in into is it its itself
  just let may me might more most must my myself no nor not now of off on once only or other ought our
  ours ourselves out over own per please same shall she should so some such than that the their theirs
  them themselves then there these they this those through to too under until up upon us very via was
  we were what whatever when where whether which while who whom whose why will with within would you
  your yours yourself yourselves tell know like need want get give given gets use used using one ones
  someone something anything thing things way ways kind sort well much many every`
    .split(/\s+/)
    .filter(Boolean),
);

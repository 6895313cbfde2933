// What a treatment is for asks nothing about stopping the treatment: "an injection to stop my periods",
// "something to stop the sickness", "imodium every day to stop it happening". Readers of "stop" in a
// question read it with these blanked.
const STOPS_WHAT_IT_TREATS =
  /\bstop(?:s|ping)?\s+(?:(?:my|her|his|your|their|the)\s+)?(?:periods?|pain|sickness|nausea|vomiting|diarrh\w*|bleeding|itching|hot flush\w*|it spreading|it (?:from )?happening|(?:the\s+)?cancer\s+(?:spreading|growing))\b/giu;

/** The text with every "stop" that names what a treatment stops blanked out, each character kept in place. */
export function withoutStopsOfWhatItTreats(text: string): string {
  return text.replace(STOPS_WHAT_IT_TREATS, (words) => ' '.repeat(words.length));
}

// Sent once, before the first answer in a patient chat: what the service is, and what it is not.
// Worded without naming the conditions covered, because the knowledge folder is replaceable.
export const PATIENT_INTRO =
  'Hello. This is Guideline Chat, an automated service. It answers health questions using only the guideline information it holds, ' +
  'and shows where each answer comes from. ' +
  'It is not a doctor or nurse, it cannot see your medical records, and it cannot give you personal medical advice. ' +
  'It is not for emergencies: if you feel very unwell or think you need urgent help, contact your care team or your local emergency number now.';

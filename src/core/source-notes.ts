/**
 * A rule's source note as people read it: the pack's notes cite the documents it was researched from
 * (the product specification, the CBP rules reference, by section: "SPEC §4; cape-rules §6.3", "§8.1",
 * "§7 L-10"). Those are the team's documents, not the user's: the screens show the note without them.
 * The pack itself keeps them (its bytes and SHA-256 are what they are).
 */
const INTERNAL_REFERENCE = /(?:\b(?:SPEC|cape-rules|reference)\s*)?§\s*\d+(?:\.\d+)*(?:\s+[A-Z]-\d+)?/g;

export function sourceNoteForPeople(note: string): string {
  return note
    .replace(INTERNAL_REFERENCE, '')
    .replace('[decided by the product specification]', '[our assumption]')
    .replace(/\(\s*[;,]\s*/g, '(')
    .replace(/\s*[;,]\s*\)/g, ')')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/(\s*[;,])+\s*(?=[;,])/g, '')
    .replace(/^[\s;,]+|[\s;,]+$/g, '')
    .replace(/\s*[;,]\s*(?=\[)/g, ' ')
    .replace(/\s{2,}/g, ' ');
}

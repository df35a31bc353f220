import type { TranscriptTurn } from "./schemas";

const TURN = /^(Agent|User):\s?(.*)$/;

/**
 * Retell's plain transcript ("Agent: …\nUser: …") as turns. A line without a speaker continues the
 * previous turn, so a multi-line utterance stays one turn.
 */
export function parseTranscript(transcript: string | null): TranscriptTurn[] {
  if (!transcript) return [];
  const turns: TranscriptTurn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const m = TURN.exec(line);
    const last = turns.at(-1);
    if (m) turns.push({ speaker: m[1] === "Agent" ? "agent" : "user", text: m[2]! });
    else if (last && line.trim()) last.text += `\n${line}`;
  }
  return turns;
}

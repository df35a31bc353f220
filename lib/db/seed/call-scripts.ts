import type { CallDirection, Sentiment } from "../schema/calls";
import type { Rng } from "./prng";

export type Industry = "dental" | "clinic";

const SERVICES: Record<Industry, readonly string[]> = {
  dental: [
    "cleaning",
    "checkup",
    "filling",
    "crown fitting",
    "teeth whitening",
    "root canal consultation",
    "Invisalign consultation",
    "wisdom tooth extraction",
  ],
  clinic: [
    "annual physical",
    "flu shot",
    "blood work",
    "follow-up visit",
    "allergy consultation",
    "travel vaccination",
    "skin check",
    "sports physical",
  ],
};
const URGENT: Record<Industry, readonly string[]> = {
  dental: ["a cracked tooth", "a bad toothache", "a lost filling", "swelling in my jaw"],
  clinic: ["a high fever", "a sprained ankle", "a rash that is spreading", "chest congestion"],
};
const INSURERS = ["Delta Dental", "Aetna", "Cigna", "MetLife", "Blue Cross Blue Shield", "UnitedHealthcare"] as const;
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;
const TIMES = ["8:30", "9:00", "10:15", "11:00", "1:30", "2:45", "3:30", "4:00"] as const;

const INBOUND = {
  book: 34,
  reschedule: 10,
  cancel: 7,
  question: 22,
  insurance: 10,
  urgent: 6,
  hangup: 7,
  voicemail: 0,
  reminder: 0,
  followup: 0,
  no_answer: 0,
} as const;
const OUTBOUND = {
  book: 0,
  reschedule: 0,
  cancel: 0,
  question: 0,
  insurance: 0,
  urgent: 0,
  hangup: 0,
  voicemail: 20,
  reminder: 45,
  followup: 20,
  no_answer: 15,
} as const;
export type Scenario = keyof typeof INBOUND;

export type CallScript = {
  scenario: Scenario;
  transcript: string | null;
  summary: string;
  sentiment: Sentiment;
  successful: boolean;
  durationMs: number;
  disconnectionReason: string;
  /** The agent booked an appointment for this service. */
  booked: string | null;
  intent: string;
};

/** A plausible conversation between the voice agent and a caller, with Retell-style analysis. */
export function callScript(rng: Rng, industry: Industry, direction: CallDirection, business: string, caller: string | null): CallScript {
  const scenario = rng.weighted(direction === "inbound" ? INBOUND : OUTBOUND);
  const first = caller?.split(" ")[0] ?? null;
  const service = rng.pick(SERVICES[industry]);
  const slot = `${rng.pick(DAYS)} at ${rng.pick(TIMES)}`;
  const lines: string[] = [];
  const agent = (t: string) => lines.push(`Agent: ${t}`);
  const user = (t: string) => lines.push(`User: ${t}`);
  const greet = () => agent(`Thank you for calling ${business}, this is the virtual assistant. How can I help you today?`);
  const who = () => {
    agent("Could I have your name and date of birth, please?");
    user(
      `Sure, it's ${caller ?? "Alex Morgan"}, born ${rng.pick(["March", "June", "October", "January"])} ${rng.int(1, 28)}, ${rng.int(1950, 2005)}.`,
    );
    agent(`Thank you${first ? `, ${first}` : ""}. I found your record.`);
  };
  const done = (
    summary: string,
    sentiment: Sentiment,
    successful: boolean,
    seconds: [number, number],
    reason: string,
    booked: string | null,
    intent: string,
  ): CallScript => ({
    scenario,
    transcript: lines.length ? lines.join("\n") : null,
    summary,
    sentiment,
    successful,
    durationMs: rng.int(seconds[0] * 1000, seconds[1] * 1000),
    disconnectionReason: reason,
    booked,
    intent,
  });

  switch (scenario) {
    case "book": {
      greet();
      user(`Hi, I'd like to book ${an(service)}.`);
      who();
      agent(`I have openings on ${slot} or ${rng.pick(DAYS)} at ${rng.pick(TIMES)}. Which works better?`);
      const ok = rng.chance(0.85);
      if (ok) {
        user(`${slot} is perfect.`);
        agent(`Great, you're booked for ${an(service)} on ${slot}. You'll get a confirmation email shortly. Anything else?`);
        user("No, that's all. Thanks!");
        agent("You're welcome, have a great day.");
        return done(
          `${caller ?? "The caller"} called to book ${an(service)} and was booked for ${slot}.`,
          rng.chance(0.8) ? "positive" : "neutral",
          true,
          [70, 240],
          rng.chance(0.8) ? "user_hangup" : "agent_hangup",
          service,
          "book_appointment",
        );
      }
      user("Hmm, neither works for me. I'll check my schedule and call back.");
      agent("No problem. You can also book online any time. Goodbye!");
      return done(
        `${caller ?? "The caller"} wanted ${an(service)} but none of the offered times worked; they will call back.`,
        "neutral",
        false,
        [60, 180],
        "user_hangup",
        null,
        "book_appointment",
      );
    }
    case "reschedule": {
      greet();
      user("I need to move my appointment, something came up at work.");
      who();
      agent(`I see your ${service} next week. I can move it to ${slot}.`);
      user("That works, thank you.");
      agent(`Done. Your ${service} is now on ${slot}.`);
      return done(
        `${caller ?? "The caller"} rescheduled their ${service} to ${slot}.`,
        "positive",
        true,
        [60, 180],
        "user_hangup",
        null,
        "reschedule_appointment",
      );
    }
    case "cancel": {
      greet();
      user("I have to cancel my appointment, I'm travelling that week.");
      who();
      agent(`I've cancelled your ${service}. Would you like to book another time?`);
      user("Not right now, I'll call when I'm back.");
      return done(
        `${caller ?? "The caller"} cancelled their ${service} because of travel and did not rebook.`,
        "neutral",
        true,
        [40, 120],
        "user_hangup",
        null,
        "cancel_appointment",
      );
    }
    case "question": {
      greet();
      const q = rng.pick([
        "What are your opening hours on Saturday?",
        "Where do I park when I come in?",
        `How much does ${an(service)} cost without insurance?`,
        "Do you take new patients?",
      ]);
      user(q);
      agent(
        rng.pick([
          "We're open Saturday from nine to one.",
          "There is free parking behind the building, entrance on Elm Street.",
          "Prices depend on the visit, but I can send you our price list by email.",
          "Yes, we're accepting new patients right now.",
        ]),
      );
      user("Great, that's what I needed to know.");
      return done(
        `${caller ?? "The caller"} asked: "${q}" The agent answered.`,
        rng.chance(0.7) ? "positive" : "neutral",
        true,
        [30, 120],
        "user_hangup",
        null,
        "general_question",
      );
    }
    case "insurance": {
      greet();
      const insurer = rng.pick(INSURERS);
      user(`Do you accept ${insurer} insurance?`);
      agent(`Yes, we are in network with ${insurer}. Bring your insurance card to your visit.`);
      user(`Does it cover ${an(service)}?`);
      agent("Coverage depends on your plan. Our billing team can check it before your visit. Shall I ask them to call you?");
      user(rng.chance(0.6) ? "Yes please." : "No, I'll call my insurer myself.");
      return done(
        `${caller ?? "The caller"} asked whether ${insurer} is accepted and covers ${an(service)}.`,
        rng.chance(0.6) ? "neutral" : "positive",
        true,
        [50, 200],
        "user_hangup",
        null,
        "insurance_question",
      );
    }
    case "urgent": {
      greet();
      const problem = rng.pick(URGENT[industry]);
      user(`I have ${problem} and it really hurts. Can someone see me today?`);
      agent("I'm sorry to hear that. Let me transfer you to our staff right away.");
      return done(
        `${caller ?? "The caller"} reported ${problem} and was transferred to staff for a same-day visit.`,
        "negative",
        true,
        [20, 90],
        "call_transfer",
        null,
        "urgent_care",
      );
    }
    case "hangup": {
      greet();
      if (rng.chance(0.5)) user("Sorry, wrong number.");
      return done(
        "The caller hung up without stating a reason.",
        "unknown",
        false,
        [3, 15],
        rng.chance(0.6) ? "user_hangup" : "inactivity",
        null,
        "none",
      );
    }
    case "voicemail": {
      agent(
        `Hi${first ? ` ${first}` : ""}, this is ${business} calling to remind you of your upcoming ${service}. Please call us back to confirm. Thank you!`,
      );
      return done(
        "Reached voicemail; the agent left a reminder message.",
        "neutral",
        false,
        [20, 45],
        "voicemail_reached",
        null,
        "appointment_reminder",
      );
    }
    case "no_answer":
      return done(
        "Nobody answered the call.",
        "unknown",
        false,
        [0, 0],
        rng.chance(0.7) ? "dial_no_answer" : "dial_busy",
        null,
        "appointment_reminder",
      );
    case "reminder": {
      agent(
        `Hi${first ? ` ${first}` : ""}, this is ${business}. I'm calling to confirm your ${service} on ${slot}. Will you be able to make it?`,
      );
      const yes = rng.chance(0.8);
      user(yes ? "Yes, I'll be there." : "Actually I can't make it, can we cancel?");
      agent(yes ? "Wonderful, see you then!" : "No problem, I've cancelled it. Call us when you'd like to rebook.");
      return done(
        yes
          ? `${caller ?? "The patient"} confirmed their ${service} on ${slot}.`
          : `${caller ?? "The patient"} cancelled their ${service} during the reminder call.`,
        yes ? "positive" : "neutral",
        yes,
        [25, 90],
        "agent_hangup",
        null,
        "appointment_reminder",
      );
    }
    case "followup": {
      agent(`Hi${first ? ` ${first}` : ""}, this is ${business} following up on your last visit. How are you feeling?`);
      user(rng.pick(["Much better, thank you.", "Still a bit sore, to be honest.", "All good, thanks for checking."]));
      const rebook = rng.chance(0.4);
      agent(
        rebook
          ? `Let's get your next ${service} on the calendar. How about ${slot}?`
          : "Glad to hear it. Call us any time if anything changes.",
      );
      if (rebook) user("Sounds good.");
      return done(
        rebook
          ? `Follow-up call; ${caller ?? "the patient"} booked ${an(service)} for ${slot}.`
          : `Follow-up call; ${caller ?? "the patient"} is doing well.`,
        "positive",
        true,
        [40, 150],
        "agent_hangup",
        rebook ? service : null,
        "follow_up",
      );
    }
  }
}

/** "a cleaning", "an Invisalign consultation". */
function an(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

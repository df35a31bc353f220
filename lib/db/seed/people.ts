import type { Rng } from "./prng";

const FIRST = [
  "James",
  "Mary",
  "Robert",
  "Patricia",
  "John",
  "Jennifer",
  "Michael",
  "Linda",
  "David",
  "Elizabeth",
  "William",
  "Barbara",
  "Richard",
  "Susan",
  "Joseph",
  "Jessica",
  "Thomas",
  "Karen",
  "Christopher",
  "Sarah",
  "Daniel",
  "Lisa",
  "Matthew",
  "Nancy",
  "Anthony",
  "Sandra",
  "Mark",
  "Ashley",
  "Steven",
  "Emily",
  "Andrew",
  "Michelle",
  "Joshua",
  "Amanda",
  "Kevin",
  "Melissa",
  "Brian",
  "Stephanie",
  "Luis",
  "Rebecca",
  "Wei",
  "Aisha",
  "Carlos",
  "Fatima",
  "Hiroshi",
  "Ingrid",
  "Jamal",
  "Katarzyna",
  "Mateo",
  "Nadia",
  "Omar",
  "Priyanka",
  "Raj",
  "Sofia",
  "Tariq",
  "Valentina",
  "Yusuf",
  "Zoe",
  "Elena",
  "Diego",
] as const;

const LAST = [
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Garcia",
  "Miller",
  "Davis",
  "Rodriguez",
  "Martinez",
  "Hernandez",
  "Lopez",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Perez",
  "Thompson",
  "White",
  "Harris",
  "Sanchez",
  "Clark",
  "Ramirez",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright",
  "Scott",
  "Torres",
  "Nguyen",
  "Hill",
  "Flores",
  "Kim",
  "Okafor",
  "Novak",
  "Haddad",
  "Kowalski",
  "Tanaka",
  "Singh",
  "Ivanova",
  "Rossi",
  "Schmidt",
] as const;

/** Area codes near each demo company; numbers use the 555 exchange, reserved for fiction. */
const AREA_CODES = { dental: ["617", "781", "857", "508", "978"], clinic: ["312", "773", "872", "630", "847"] } as const;

export type Person = { name: string; phone: string; email: string | null };

/**
 * The i-th customer of a company. Phones are unique per company by construction:
 * (area, 7919·k + offset mod 10 000) is a bijection over k for each area.
 */
export function person(rng: Rng, industry: "dental" | "clinic", i: number, offset: number): Person {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const areas = AREA_CODES[industry];
  const area = areas[i % areas.length]!;
  const k = Math.floor(i / areas.length);
  const line = k < 10_000 ? (k * 7919 + offset) % 10_000 : k; // beyond 50k customers numbers just grow
  const phone = `+1${area}555${String(line).padStart(4, "0")}`;
  const email = rng.chance(0.75)
    ? `${first}.${last}${rng.chance(0.4) ? rng.int(1, 99) : ""}@${rng.pick(["example.com", "example.net", "example.org"])}`.toLowerCase()
    : null;
  return { name: `${first} ${last}`, phone, email };
}

/** A caller who is not (yet) a customer. */
export function strangerPhone(rng: Rng): string {
  return `+1${rng.pick(["212", "415", "646", "305", "206", "404"])}555${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

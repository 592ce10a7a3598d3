// The material the benchmark corpus is made of: kinds of business, the sections their documents have,
// and for each section the fact it states plus questions a caller would ask about it, worded the way
// people talk on the phone rather than copied from the text. Used by corpus.ts only.

export interface Business {
  kind: string;
  /** What the place is called after its name ("Dental Clinic"). */
  noun: string;
  /** Services with a price, in the business's words; questions paraphrase them via `asked`. */
  services: { name: string; asked: string[] }[];
}

export const BUSINESSES: Business[] = [
  {
    kind: "dental",
    noun: "Dental Clinic",
    services: [
      { name: "professional teeth whitening", asked: ["getting my teeth whitened", "whitening"] },
      { name: "a routine cleaning and exam", asked: ["a checkup and cleaning", "a cleaning"] },
      { name: "a porcelain crown", asked: ["a crown on a tooth", "crowns"] },
      { name: "clear aligner treatment", asked: ["invisible braces", "aligners"] },
    ],
  },
  {
    kind: "auto",
    noun: "Auto Repair",
    services: [
      { name: "a synthetic oil change", asked: ["changing the oil", "an oil change"] },
      { name: "brake pad replacement", asked: ["new brakes", "replacing brake pads"] },
      { name: "a four-wheel alignment", asked: ["aligning the wheels", "wheel alignment"] },
      { name: "a state safety inspection", asked: ["the yearly inspection", "an inspection"] },
    ],
  },
  {
    kind: "veterinary",
    noun: "Animal Hospital",
    services: [
      { name: "a wellness exam for dogs and cats", asked: ["a checkup for my dog", "a pet checkup"] },
      { name: "spaying or neutering", asked: ["getting my cat fixed", "neutering"] },
      { name: "dental scaling under anesthesia", asked: ["cleaning my dog's teeth", "pet dental cleaning"] },
      { name: "microchipping", asked: ["putting a chip in my puppy", "a microchip"] },
    ],
  },
  {
    kind: "salon",
    noun: "Hair Studio",
    services: [
      { name: "a women's cut and blow-dry", asked: ["a haircut and styling", "a haircut"] },
      { name: "full balayage color", asked: ["highlights", "coloring my hair"] },
      { name: "a keratin smoothing treatment", asked: ["straightening treatment", "keratin"] },
      { name: "a bridal updo", asked: ["hair for my wedding", "wedding hair"] },
    ],
  },
  {
    kind: "plumbing",
    noun: "Plumbing Services",
    services: [
      { name: "drain cleaning", asked: ["unclogging a drain", "a blocked sink"] },
      { name: "water heater installation", asked: ["putting in a new water heater", "a hot water tank"] },
      { name: "leak detection", asked: ["finding a leak", "a leaking pipe"] },
      { name: "toilet replacement", asked: ["a new toilet", "replacing the toilet"] },
    ],
  },
  {
    kind: "fitness",
    noun: "Fitness Center",
    services: [
      { name: "a monthly membership", asked: ["joining the gym", "a gym membership"] },
      { name: "personal training sessions", asked: ["a personal trainer", "one-on-one training"] },
      { name: "group yoga classes", asked: ["yoga", "a yoga class"] },
      { name: "a day pass", asked: ["coming in just for one day", "a single visit"] },
    ],
  },
  {
    kind: "hotel",
    noun: "Inn",
    services: [
      { name: "a standard queen room", asked: ["a room for one night", "a regular room"] },
      { name: "the lakeview suite", asked: ["a suite", "the nicest room"] },
      { name: "airport shuttle service", asked: ["a ride from the airport", "the shuttle"] },
      { name: "late checkout", asked: ["leaving later in the day", "checking out late"] },
    ],
  },
  {
    kind: "law",
    noun: "Law Office",
    services: [
      { name: "an initial consultation", asked: ["a first meeting with a lawyer", "a consultation"] },
      { name: "drafting a simple will", asked: ["writing a will", "a will"] },
      { name: "an uncontested divorce", asked: ["a divorce", "getting divorced"] },
      { name: "reviewing a lease", asked: ["looking over my rental contract", "a lease review"] },
    ],
  },
];

/** Place names: FIRST × SECOND gives every document of one tenant its own name. */
export const NAME_FIRST = (
  "Maple Cedar Harbor Willow Aspen Birch Falcon Silver Granite Meadow Summit Juniper Copper Elm Laurel " +
  "Hawthorn Sparrow Prairie Bayside Lakeshore Redwood Pinecrest Stone Orchard Highland Riverbend Sunset Clover " +
  "Foxglove Heron Magnolia Chestnut Cypress Ironwood Kestrel Larkspur Marble Northgate Oakmont Quarry Rosewood " +
  "Saddle Thistle Timber Walnut Westfield Amber Beacon Coral Driftwood"
).split(" ");
export const NAME_SECOND = (
  "Grove Point Ridge Hollow Park Creek Heights Crossing Valley Landing Square Commons Glen Fields Springs " +
  "Terrace Bluff Harbour Junction Meadows Brook Vista Gardens Court Hill Plaza Station Corner Bay Mill Row " +
  "Pointe Village Trail Way Green Reach Shore Gate Ford"
).split(" ");

export const STREETS = "Main Oak Pine Lake Market Church Mill Center Spring Elm Washington Park Hill River Bridge".split(" ");
export const STAFF = "Alvarez Brennan Chen Dubois Eriksen Fischer Gupta Haddad Ivanova Jensen Kowalski Larsen Moreau Nakamura Okafor Petrov".split(" ");
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
export const HOURS_OPEN = ["7:00 am", "7:30 am", "8:00 am", "8:30 am", "9:00 am", "10:00 am"];
export const HOURS_CLOSE = ["4:00 pm", "5:00 pm", "5:30 pm", "6:00 pm", "7:00 pm", "8:00 pm"];
export const SATURDAY_CLOSE = ["12:00 pm", "1:00 pm", "2:00 pm", "3:00 pm"];

/**
 * Sentences that pad a section to a realistic length. They use the words every business document
 * repeats ("service", "customers", "please", "call"), so common-word queries have plenty to wade through.
 */
export const FILLER = [
  "Our team is committed to giving every customer friendly, professional service.",
  "Please call us if you have any questions before your visit.",
  "We update this information regularly, so check back for the latest details.",
  "Staff at the front desk are happy to help you with anything you need.",
  "We value your time and do our best to keep waiting to a minimum.",
  "Ask a member of our team if something is not clear.",
  "These details apply to all customers unless stated otherwise.",
  "We appreciate your understanding and look forward to seeing you.",
  "Some exceptions may apply during busy periods of the year.",
  "Thank you for choosing us; we know you have many options in the area.",
  "Our policies are designed to be fair to every client and to our staff.",
  "If your situation is unusual, speak with the manager on duty.",
  "Information on this page may change without notice.",
  "You can also send us a message through the contact form on our website.",
  "We try to answer all messages within one business day.",
];

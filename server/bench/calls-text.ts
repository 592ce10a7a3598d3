// Word material for the calls benchmark's transcripts (calls-seed.ts): phrases of small-business phone
// calls, combined at random by SQL into varied turns. Earlier entries are picked more often (the seed
// skews its picks), so some words are common and others rare, as in real call logs; order numbers and
// names make many words near-unique.
export const CALLER_OPENERS = [
  "Hi, I'm calling about", "Hello, I need help with", "Yes hi, this is about", "Good morning, I wanted to ask about",
  "Hey, quick question about", "I'd like to talk to someone about", "Hi there, I'm following up on", "Hello, I have a problem with",
  "Sorry to bother you, it's regarding", "Hi, my husband asked me to call about", "Afternoon, I'm ringing about", "Yeah so, it's about",
];

export const TOPICS = [
  "my appointment", "a refund for my order", "parking near your office", "the invoice I received", "booking a table for six",
  "my prescription refill", "a delivery that never arrived", "changing my reservation", "your opening hours on the weekend",
  "a leak under the kitchen sink", "cancelling my subscription", "the estimate you sent last week", "the brake inspection on my car",
  "a lost package", "a billing error on my statement", "scheduling a carpet cleaning", "the warranty on my dishwasher",
  "an emergency plumbing repair", "whether you take my insurance", "the parking validation for the garage", "a gift card balance",
  "rescheduling the dentist visit", "a broken window in the bedroom", "the heating not working", "a noisy neighbour complaint",
  "an allergy question about the menu", "the catering quote for a wedding", "the puppy vaccination schedule", "a late fee I was charged",
  "pickup times for dry cleaning", "the tax return documents", "a job application", "moving my physiotherapy session",
];

export const DETAILS = [
  "on Tuesday", "for next Friday at three", "it's quite urgent", "can someone call me back", "I was charged twice",
  "it still isn't working", "thanks so much", "the website didn't let me", "my daughter will come instead", "before the holidays",
  "I'm available in the mornings", "it happened again yesterday", "the technician never showed up", "I'm a bit confused",
];

export const AGENT_LINES = [
  "I can help with that.", "Let me check the calendar for you.", "Could I get your name and a callback number?",
  "I've taken a message and someone will call you back today.", "Our hours are nine to five, Monday through Friday.",
  "I'm transferring you to a specialist now.", "Parking is free in the garage behind the building.", "Your refund has been processed.",
  "Is there anything else I can help with?", "Thanks for calling, have a great day.", "I have an opening on Thursday at ten thirty.",
  "I'm sorry about that, let me look into it.", "Could you spell your last name for me?", "That's booked, you'll get a text confirmation.",
  "We do accept most insurance plans, including Aetna and Cigna.", "The technician can come tomorrow between eight and noon.",
  "I see the invoice, the late fee has been waived.", "Please bring your card and a photo ID.", "Our kitchen can prepare a gluten free option.",
];

export const FIRST_NAMES = [
  "James", "Maria", "Robert", "Linda", "Michael", "Aisha", "David", "Sofia", "Daniel", "Chen", "Olivia", "Mateo", "Emma", "Noah",
  "Priya", "Lucas", "Fatima", "Ethan", "Yuki", "Grace", "Omar", "Hannah", "Diego", "Zoe", "Ivan", "Leila", "Samuel", "Nora",
];

export const LAST_NAMES = [
  "Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Patel", "Miller", "Kowalski", "Davis", "Okafor", "Wilson", "Rossi", "Moore",
  "Schmidt", "Taylor", "Haddad", "Anderson", "Silva", "Thomas", "Kim", "Martin", "Dubois", "Lee", "Novak", "Walker", "Ibrahim",
];

export const STREETS = ["Maple Avenue", "Oak Street", "Elm Road", "Harbor Drive", "Sunset Boulevard", "Pine Lane", "Cedar Court", "Main Street", "Lakeview Terrace", "Birch Way"];

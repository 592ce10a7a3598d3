// Where a plan's limits come from and what to do about one today, in one wording for the dashboard
// and the API's QUOTA_EXCEEDED messages. There is no upgrade page until billing exists, so this says
// so instead of linking to nothing. Plain text, safe in client components.
export const PLAN_LIMIT_ADVICE =
  "Limits come from your plan; plan upgrades arrive with billing. Until then, contact Frontdesk support for a higher limit.";

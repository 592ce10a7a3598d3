// Time zones offered for an agent: current IANA names only. ICU (Node 20, Chromium) still lists and
// resolves CLDR's frozen spellings (Africa/Asmera, America/Godthab, Asia/Calcutta, Europe/Kiev): IANA
// renamed those zones, so they are mapped to today's names here. Per-country zones that IANA keeps as
// links (Europe/Bratislava → Prague) stay: people look for their own city. Client-safe.

/** CLDR's legacy identifier → the IANA name of the same zone today (the ones ICU still lists). */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** ICU's own identifier for a zone (resolves aliases such as US/Eastern), or null when unknown. */
function icuZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The current IANA name for any identifier the runtime knows ("Asia/Calcutta" → "Asia/Kolkata"), or null. */
export function canonicalTimeZone(zone: string): string | null {
  const resolved = icuZone(zone);
  if (!resolved) return null;
  if (resolved === "Etc/UTC" || resolved === "Etc/GMT") return "UTC";
  return RENAMED_ZONES[resolved] ?? resolved;
}

/** The list to offer: UTC first, then the runtime's zones under their current names, sorted. */
export function canonicalTimeZones(supported: readonly string[]): string[] {
  const names = new Set(supported.map((zone) => RENAMED_ZONES[zone] ?? zone));
  names.delete("UTC");
  return ["UTC", ...[...names].sort()];
}

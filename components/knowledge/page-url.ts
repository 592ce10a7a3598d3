// The import form's own check of a page address, before anything is sent: only that it is a full
// http(s) address. Whether it may be fetched (public, not loopback or metadata) is the server's call.

export function checkPageUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (!value) return "Enter the page's address";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full address, like https://example.com/prices";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Only http and https addresses can be imported";
  if (url.username || url.password) return "Leave the user name and password out of the address";
  return undefined;
}

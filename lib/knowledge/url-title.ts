// The title a web import carries until its page names itself: "https://www.example.com/pricing/" →
// "example.com/pricing". The import route writes it; the pipeline recognises it to replace it.

export function titleOfUrl(url: URL): string {
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.hostname.replace(/^www\./, "")}${path}`.slice(0, 200);
}

// Where the browser's test-call and chat sockets live on the voice server (shared by the app, which
// hands out the URL, and the voice server, which mounts the routes; no server-only imports here).
export const BROWSER_CALL_PATH = "/browser/call";
export const BROWSER_CHAT_PATH = "/browser/chat";

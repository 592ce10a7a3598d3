import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Frontdesk", template: "%s · Frontdesk" },
  description: "Frontdesk answers your business's phone calls with an AI receptionist.",
  applicationName: "Frontdesk",
};

// Every page renders per request, so Next can put the request's CSP nonce (proxy.ts) on its scripts:
// a prerendered page (the 404 page was one) carries no nonce and its scripts would all be blocked.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  themeColor: "#4f46e5",
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

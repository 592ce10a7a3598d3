import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";
import { buttonClasses } from "@/components/ui/button-classes";
import { AgentIcon, BookIcon, CallLogIcon, ClockIcon, PhoneIcon, ShieldIcon } from "@/components/ui/icons";
import { getSignedInHome } from "@/lib/tenant/page-context";

const FEATURES: { icon: ReactNode; title: string; body: string }[] = [
  {
    icon: <PhoneIcon className="size-5" />,
    title: "Answers every call",
    body: "Give each phone number an agent. It greets callers in your words, in their language, day and night.",
  },
  {
    icon: <BookIcon className="size-5" />,
    title: "Knows your business",
    body: "Answers from your own documents and FAQs, and says so when it does not know instead of guessing.",
  },
  {
    icon: <AgentIcon className="size-5" />,
    title: "Takes messages, transfers calls",
    body: "Records the caller's name, number and message, or hands the call to a person when it should.",
  },
  {
    icon: <ClockIcon className="size-5" />,
    title: "Keeps your hours",
    body: "Set opening hours per day. After hours it takes a message, transfers, or tells callers when you reopen.",
  },
  {
    icon: <CallLogIcon className="size-5" />,
    title: "Every call on record",
    body: "Each call is transcribed and summarised, so you know what callers asked for without listening back.",
  },
  {
    icon: <ShieldIcon className="size-5" />,
    title: "Your team, your rules",
    body: "Admins shape the agents; the rest of the team sees everything, read-only.",
  },
];

export default async function LandingPage() {
  const home = await getSignedInHome();
  if (home) redirect(home);

  return (
    <div className="relative isolate flex min-h-dvh flex-col overflow-x-clip">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 -top-48 -z-10 mx-auto h-[32rem] max-w-3xl rounded-full bg-accent-200/40 blur-3xl"
      />
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-5 sm:px-6 lg:px-8">
        <Logo />
      </header>

      <main className="flex-1">
        <section>
          <div className="mx-auto max-w-3xl px-4 pt-12 pb-16 text-center sm:px-6 sm:pt-20 sm:pb-24">
            <p className="mb-5 inline-flex items-center gap-2 rounded-full border border-accent-200 bg-white/70 px-3 py-1 text-xs font-medium text-accent-700">
              AI receptionist for small businesses
            </p>
            <h1 className="text-4xl font-semibold tracking-tight text-balance text-zinc-900 sm:text-5xl">
              Never miss a call again.
            </h1>
            <p className="mx-auto mt-5 max-w-xl text-base leading-relaxed text-pretty text-zinc-600 sm:text-lg">
              Frontdesk answers your phone with an AI receptionist that knows your business, keeps your hours, takes
              messages and puts callers through to you when it matters.
            </p>
            <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
              <Link href="/sign-up" className={buttonClasses({ size: "lg" })}>
                Start free
              </Link>
              <Link href="/sign-in" className={buttonClasses({ variant: "secondary", size: "lg" })}>
                Sign in
              </Link>
            </div>
          </div>
        </section>

        <section aria-labelledby="features-title" className="border-t border-zinc-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20 lg:px-8">
            <h2 id="features-title" className="text-center text-2xl font-semibold tracking-tight text-zinc-900">
              A receptionist that works like you would
            </h2>
            <ul className="mt-12 grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
              {FEATURES.map((f) => (
                <li key={f.title} className="flex gap-4">
                  <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-600">
                    {f.icon}
                  </span>
                  <div>
                    <h3 className="text-sm font-semibold text-zinc-900">{f.title}</h3>
                    <p className="mt-1.5 text-sm leading-relaxed text-zinc-600">{f.body}</p>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>

      <footer className="border-t border-zinc-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-zinc-500 sm:px-6 lg:px-8">Frontdesk</div>
      </footer>
    </div>
  );
}

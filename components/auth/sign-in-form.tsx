"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { safeCallbackUrl } from "./safe-callback";

/** What to tell the user for an error code from next-auth (result.error or ?error=). */
export function signInErrorMessage(code: string): string {
  if (code === "THROTTLED") return "Too many attempts, try again in a few minutes.";
  if (code === "BUSY") return "Sign-in is busy right now; try again in a moment.";
  if (code === "TENANT_SUSPENDED") return "This workspace is suspended. Contact Frontdesk support to restore access.";
  if (code === "SessionRequired") return "Sign in to continue.";
  return "Email or password is incorrect.";
}

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string | null; initialError: string | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(initialError ? signInErrorMessage(initialError) : null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const next = {
      email: email.trim() === "" ? "Enter your email" : undefined,
      password: password === "" ? "Enter your password" : undefined,
    };
    setErrors(next);
    if (next.email || next.password) {
      (next.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFormError(null);
    setPending(true);
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!result || result.error || !result.ok) {
        setFormError(signInErrorMessage(result?.error ?? ""));
        setPending(false);
        passwordRef.current?.select();
        return;
      }
      // A full load, so every server component sees the new session. Without a page to return to,
      // "/" sends the person to their home (the dashboard, or /admin for a super admin).
      window.location.assign(safeCallbackUrl(callbackUrl, window.location.origin, "/"));
    } catch {
      setFormError("Could not reach Frontdesk. Check your connection and try again.");
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Sign in" aria-disabled={!hydrated || undefined} className="space-y-5">
      {formError && <Alert>{formError}</Alert>}
      <Field id="sign-in-email" label="Email" error={errors.email}>
        <Input
          ref={emailRef}
          type="email"
          autoComplete="email"
          inputMode="email"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
      </Field>
      <Field id="sign-in-password" label="Password" error={errors.password}>
        <Input
          ref={passwordRef}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-600">
        New to Frontdesk?{" "}
        <Link href="/sign-up" className="focus-ring rounded font-medium text-accent-700 hover:text-accent-800">
          Create a workspace
        </Link>
      </p>
    </form>
  );
}

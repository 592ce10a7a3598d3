"use client";
// The invite page's actions. A new person: name + password, then they are signed in. Someone with an
// account: sign in as the invited email (and come back here), or, already signed in as it, join.
import { signOut } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buttonClasses } from "@/components/ui/button-classes";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/text/password-rules";

type Props = { token: string; email: string; hasAccount: boolean; signedInAs: string | null };

export function AcceptInvite({ token, email, hasAccount, signedInAs }: Props) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const back = `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`;

  const accept = async (body: Record<string, string>) => {
    setPending(true);
    setFormError(null);
    try {
      await api.post("/api/v1/team/invites/accept", { token, ...body });
      window.location.assign("/overview");
    } catch (error) {
      if (error instanceof ApiError && (error.field === "name" || error.field === "password")) setErrors({ [error.field]: error.message });
      else setFormError(errorMessage(error));
      setPending(false);
    }
  };

  if (hasAccount && signedInAs?.toLowerCase() !== email) {
    return (
      <div className="grid gap-4">
        <p className="text-sm text-zinc-600">
          {signedInAs ? `You are signed in as ${signedInAs}. ` : ""}This invite is for <strong className="text-zinc-900">{email}</strong>, which already has an account: sign in as {email} to accept it.
        </p>
        {signedInAs ? (
          <Button onClick={() => void signOut({ callbackUrl: back })}>Sign out and continue</Button>
        ) : (
          <a href={back} className={buttonClasses()}>
            Sign in as {email}
          </a>
        )}
      </div>
    );
  }
  if (hasAccount) {
    return (
      <div className="grid gap-4">
        {formError && <Alert>{formError}</Alert>}
        <Button loading={pending} onClick={() => void accept({})}>
          Join workspace
        </Button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found: typeof errors = {};
    if (!name.trim()) found.name = "Enter your name";
    if (password.length < PASSWORD_MIN) found.password = `Use at least ${PASSWORD_MIN} characters`;
    setErrors(found);
    if (found.name || found.password) return;
    void accept({ name: name.trim(), password });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create your account" className="grid gap-4">
      {formError && <Alert>{formError}</Alert>}
      <Field id="invite-account-email" label="Email" hint="The invite was sent to this address.">
        <Input type="email" value={email} readOnly />
      </Field>
      <Field id="invite-name" label="Your name" error={errors.name}>
        <Input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </Field>
      <Field id="invite-password" label="Choose a password" error={errors.password} hint={errors.password ? undefined : `At least ${PASSWORD_MIN} characters, hard to guess.`}>
        <Input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={PASSWORD_MAX} required />
      </Field>
      <Button type="submit" loading={pending}>
        Accept and create account
      </Button>
    </form>
  );
}

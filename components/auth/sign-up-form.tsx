"use client";
// Creates the user and their workspace (POST /api/auth/signup), which signs them in too; if that part
// failed (the account exists all the same) it signs in the usual way.
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/text/password-rules";

type FieldName = "name" | "email" | "password" | "businessName";
type Errors = Partial<Record<FieldName, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(values: Record<FieldName, string>): Errors {
  const errors: Errors = {};
  if (!values.name.trim()) errors.name = "Enter your name";
  if (!values.email.trim()) errors.email = "Enter your email";
  else if (!EMAIL.test(values.email.trim())) errors.email = "Enter a valid email address";
  if (values.password.length < PASSWORD_MIN) errors.password = `Use at least ${PASSWORD_MIN} characters`;
  else if (values.password.length > PASSWORD_MAX) errors.password = `Use at most ${PASSWORD_MAX} characters`;
  if (!values.businessName.trim()) errors.businessName = "Enter your business name";
  return errors;
}

const ORDER: FieldName[] = ["name", "email", "password", "businessName"];

export function SignUpForm() {
  const [values, setValues] = useState<Record<FieldName, string>>({ name: "", email: "", password: "", businessName: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const refs: Record<FieldName, RefObject<HTMLInputElement | null>> = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    businessName: useRef<HTMLInputElement>(null),
  };

  const set = (field: FieldName, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const showErrors = (next: Errors) => {
    setErrors(next);
    const first = ORDER.find((f) => next[f]);
    if (first) refs[first].current?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found = validate(values);
    if (Object.keys(found).length > 0) return showErrors(found);

    setFormError(null);
    setPending(true);
    const email = values.email.trim();
    let signedIn = false;
    try {
      const created = await api.post<{ signedIn?: boolean }>("/api/auth/signup", {
        name: values.name.trim(),
        email,
        password: values.password,
        businessName: values.businessName.trim(),
      });
      signedIn = created?.signedIn === true;
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError) {
        if (error.code === "EMAIL_TAKEN") {
          return showErrors({ email: "An account with this email already exists. Sign in instead." });
        }
        if (error.field && (ORDER as string[]).includes(error.field)) {
          return showErrors({ [error.field]: error.message });
        }
      }
      setFormError(errorMessage(error));
      return;
    }

    if (signedIn) {
      window.location.assign("/overview");
      return;
    }
    const result = await signIn("credentials", { email, password: values.password, redirect: false }).catch(() => undefined);
    if (!result || result.error || !result.ok) {
      // The account exists; only the automatic sign-in failed.
      window.location.assign("/sign-in");
      return;
    }
    window.location.assign("/overview");
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Create account" aria-disabled={!hydrated || undefined} className="space-y-5">
      {formError && <Alert title="Your account was not created">{formError}</Alert>}
      <Field id="sign-up-name" label="Your name" error={errors.name}>
        <Input ref={refs.name} autoComplete="name" autoFocus value={values.name} onChange={(e) => set("name", e.target.value)} maxLength={100} required />
      </Field>
      <Field id="sign-up-email" label="Email" error={errors.email}>
        <Input
          // Passes the ref object, reads nothing: react-hooks/refs mistakes a record of refs for ref.current.
          // eslint-disable-next-line react-hooks/refs
          ref={refs.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          value={values.email}
          onChange={(e) => set("email", e.target.value)}
          required
        />
      </Field>
      <Field
        id="sign-up-password"
        label="Password"
        error={errors.password}
        hint={errors.password ? undefined : `At least ${PASSWORD_MIN} characters.`}
      >
        <Input
          // Passes the ref object, reads nothing: react-hooks/refs mistakes a record of refs for ref.current.
          // eslint-disable-next-line react-hooks/refs
          ref={refs.password}
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set("password", e.target.value)}
          maxLength={PASSWORD_MAX}
          required
        />
      </Field>
      <Field id="sign-up-business" label="Business name" error={errors.businessName} hint="The name callers know you by.">
        <Input
          // Passes the ref object, reads nothing: react-hooks/refs mistakes a record of refs for ref.current.
          // eslint-disable-next-line react-hooks/refs
          ref={refs.businessName}
          autoComplete="organization"
          value={values.businessName}
          onChange={(e) => set("businessName", e.target.value)}
          maxLength={100}
          required
        />
      </Field>
      <Button type="submit" loading={pending} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="focus-ring rounded font-medium text-accent-700 hover:text-accent-800">
          Sign in
        </Link>
      </p>
    </form>
  );
}

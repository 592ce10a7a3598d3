"use client";
// Change password: the current one, then the new one. Other browsers are signed out by the server;
// this one gets a fresh cookie in the response, so the page keeps working.
import { useRef, useState, type FormEvent } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/text/password-rules";

type Errors = { currentPassword?: string; newPassword?: string };

export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const toast = useToast();

  const show = (found: Errors) => {
    setErrors(found);
    (found.currentPassword ? currentRef : nextRef).current?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found: Errors = {};
    if (!current) found.currentPassword = "Enter your current password";
    if (next.length < PASSWORD_MIN) found.newPassword = `Use at least ${PASSWORD_MIN} characters`;
    if (found.currentPassword || found.newPassword) return show(found);
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await api.post("/api/v1/me/password", { currentPassword: current, newPassword: next });
      setCurrent("");
      setNext("");
      toast({ title: "Password changed", description: "Your other sessions were signed out." });
      onChanged?.();
    } catch (error) {
      if (error instanceof ApiError && (error.field === "currentPassword" || error.field === "newPassword")) {
        show({ [error.field]: error.message });
      } else setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password" className="grid max-w-md gap-4">
      {formError && <Alert>{formError}</Alert>}
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <Input ref={currentRef} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} maxLength={PASSWORD_MAX} required />
      </Field>
      <Field id="new-password" label="New password" error={errors.newPassword} hint={errors.newPassword ? undefined : `At least ${PASSWORD_MIN} characters, hard to guess.`}>
        <Input ref={nextRef} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} maxLength={PASSWORD_MAX} required />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}

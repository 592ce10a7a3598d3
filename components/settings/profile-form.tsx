"use client";
// Settings → Profile: your name, and your email (what you sign in with, so changing it asks for your
// current password; an address another account uses is refused).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError, api, errorMessage } from "@/components/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { PASSWORD_MAX } from "@/lib/text/password-rules";

type Errors = { name?: string; email?: string; currentPassword?: string };

export function ProfileForm({ initialName, initialEmail }: { initialName: string; initialEmail: string }) {
  const [name, setName] = useState(initialName);
  const [email, setEmail] = useState(initialEmail);
  const [savedEmail, setSavedEmail] = useState(initialEmail);
  const [currentPassword, setCurrentPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const router = useRouter();
  const emailChanges = email.trim().toLowerCase() !== savedEmail;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found: Errors = {};
    if (!name.trim()) found.name = "Enter your name";
    if (emailChanges && !currentPassword) found.currentPassword = "Enter your current password to change your email";
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    setPending(true);
    try {
      const saved = await api.patch<{ name: string; email: string }>("/api/v1/me", {
        name: name.trim(),
        ...(emailChanges && { email: email.trim(), currentPassword }),
      });
      setName(saved.name);
      setEmail(saved.email);
      setSavedEmail(saved.email);
      setCurrentPassword("");
      toast({ title: "Profile saved" });
      router.refresh(); // the header shows the name and email
    } catch (error) {
      if (error instanceof ApiError && (error.field === "name" || error.field === "email" || error.field === "currentPassword")) setErrors({ [error.field]: error.message });
      else setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Profile" className="grid max-w-md gap-4">
      {formError && <Alert>{formError}</Alert>}
      <Field id="profile-name" label="Name" error={errors.name}>
        <Input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </Field>
      <Field id="profile-email" label="Email" error={errors.email} hint={errors.email ? undefined : "You sign in with this address."}>
        <Input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />
      </Field>
      {emailChanges && (
        <Field id="profile-current-password" label="Current password" error={errors.currentPassword} hint={errors.currentPassword ? undefined : "Needed to change your email."}>
          <Input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} maxLength={PASSWORD_MAX} />
        </Field>
      )}
      <div>
        <Button type="submit" loading={pending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}

import { useForm } from "@conform-to/react";

/**
 * conform's useForm, subscribed to every error of the form in the component that owns it.
 *
 * Conform re-renders a component only for the form state it read during its latest render, and
 * each render of the form's component starts that list afresh; the field components add their
 * errors when they render. But the form's component also re-renders alone: useTranslation sets
 * the same `t` again once mounted, so React runs the component, sees nothing changed and skips
 * its children. The fields' errors then drop out of the list, and a submit that fails in the
 * browser shows no message at all (only the focus moves; seen in the good-practice form, and
 * every form here uses useTranslation). Reading every error here keeps them in the list.
 */
export function useFormWithErrors<Schema extends Record<string, unknown>, FormValue = Schema, FormError = string[]>(
  options: Parameters<typeof useForm<Schema, FormValue, FormError>>[0],
): ReturnType<typeof useForm<Schema, FormValue, FormError>> {
  const [form, fields] = useForm<Schema, FormValue, FormError>(options);
  void form.allErrors;
  return [form, fields];
}

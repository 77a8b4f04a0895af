import type { z } from 'zod';

/**
 * What a form's server action returns to `useActionState`: a form-level error, per-field errors, and the
 * non-secret values to put back into the fields.
 */
export type FormState = {
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Partial<Record<string, string>>;
};

/** Fields never echoed back to the browser. */
const SECRET_FIELDS = new Set(['password']);
/** Longest value echoed back into a field; longer input was refused anyway. */
const MAX_ECHOED_VALUE_LENGTH = 200;

function echoValues(formData: FormData): Partial<Record<string, string>> {
  const values: Partial<Record<string, string>> = {};
  for (const [name, value] of formData) {
    if (typeof value === 'string' && !SECRET_FIELDS.has(name) && !name.startsWith('$')) {
      values[name] = value.slice(0, MAX_ECHOED_VALUE_LENGTH);
    }
  }
  return values;
}

/**
 * Wraps a server action so it only ever runs with input that passed `schema` (after saas-starter's
 * `validatedAction`). On failure it returns the first message per field and the submitted values.
 */
export function validatedAction<Schema extends z.ZodType>(
  schema: Schema,
  action: (data: z.output<Schema>, formData: FormData) => Promise<FormState | void>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const result = schema.safeParse(Object.fromEntries(formData));
    if (!result.success) {
      const fieldErrors: Partial<Record<string, string>> = {};
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        fieldErrors[field] ??= issue.message;
      }
      return { fieldErrors, values: echoValues(formData) };
    }
    const outcome = await action(result.data, formData);
    return outcome ? { values: echoValues(formData), ...outcome } : {};
  };
}

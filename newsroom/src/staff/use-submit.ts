import { useState } from 'react';
import { ApiError, OfflineError } from '../api/client';

/**
 * One request from a form: busy while it runs, and its refusal kept in words, by field when the API
 * names one (`details.field`) so it shows beside that field, else for the form as a whole.
 */
export function useSubmit(fields: readonly string[] = []) {
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      return true;
    } catch (error) {
      if (error instanceof ApiError) setProblem({ field: error.field, message: error.message });
      else if (error instanceof OfflineError) setProblem({ field: null, message: error.message });
      else throw error;
      return false;
    } finally {
      setBusy(false);
    }
  }

  const onField = problem?.field && fields.includes(problem.field) ? problem.field : null;
  return {
    run,
    busy,
    /** For a Form's validationErrors: the refusal beside its field. */
    fieldErrors: onField && problem ? { [onField]: problem.message } : {},
    fieldError: (name: string) => (onField === name ? (problem?.message ?? null) : null),
    /** A refusal that names no field of this form. */
    formError: problem && !onField ? problem.message : null,
  };
}

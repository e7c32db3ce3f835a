import { createInterface } from 'node:readline';

/** Asks for a secret on the terminal without echoing it. Null when there is no terminal to ask on. */
export async function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  output._writeToOutput = (s: string) => {
    // Show the question once, then nothing of what is typed.
    if (!asked) {
      process.stdout.write(s);
      asked = true;
    }
  };
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    process.stdout.write('\n');
    rl.close();
  }
}

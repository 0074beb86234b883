import { describe, expect, it, vi } from 'vitest';
import type { renderAccessForm as RenderAccessForm, RenderAccessFormInput } from '../../../functions/form/render-form.js';
import { companyForm, largeForm, namesForm } from '../../fixtures/form-inputs.js';

/** `renderAccessForm` from a fresh copy of its modules: no font parsed, no cache filled. */
async function coldRenderer(): Promise<typeof RenderAccessForm> {
  vi.resetModules();
  return (await import('../../../functions/form/render-form.js')).renderAccessForm;
}

async function coldBytes(form: RenderAccessFormInput): Promise<Buffer> {
  const render = await coldRenderer();
  return Buffer.from((await render(form)).pdf);
}

describe('renderAccessForm in a warm process (issue 11: fonts parsed once, kept across forms)', () => {
  it('renders a form again, warm, to the bytes of its first render (R2, R8)', async () => {
    const render = await coldRenderer();
    const first = await render(largeForm());
    const again = await render(largeForm());
    const third = await render(largeForm());

    expect(Buffer.from(again.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(Buffer.from(third.pdf).equals(Buffer.from(first.pdf))).toBe(true);
    expect(third.sha256).toBe(first.sha256);
  });

  it('lets nothing of one form bleed into the next: A, B, A gives A twice', async () => {
    const render = await coldRenderer();
    const a = await render(companyForm());
    const b = await render(namesForm());
    const aAgain = await render(companyForm());

    expect(Buffer.from(aAgain.pdf).equals(Buffer.from(a.pdf))).toBe(true);
    expect(b.sha256).not.toBe(a.sha256);
  });

  it('renders each form after any others to the bytes a fresh process renders', async () => {
    const forms = [largeForm, companyForm, namesForm];
    const cold = await Promise.all(forms.map(async (form) => coldBytes(form())));
    const render = await coldRenderer();

    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0, 1],
    ]) {
      for (const index of order) {
        const form = forms[index];
        if (!form) throw new Error(`no form ${index}`);
        const warm = Buffer.from((await render(form())).pdf);
        expect(warm.equals(cold[index] ?? Buffer.alloc(0)), `form ${index} in order ${order.join(',')}`).toBe(true);
      }
    }
  });

  it('renders a warm form without waiting for a timer (fontkit waits one per font)', async () => {
    const render = await coldRenderer();
    const first = await render(companyForm());
    let timerRan = false;
    const timer = setTimeout(() => {
      timerRan = true;
    }, 0);
    // A render that waited on a timer would let this earlier one run first.
    const warm = await render(companyForm());
    clearTimeout(timer);

    expect(timerRan).toBe(false);
    expect(Buffer.from(warm.pdf).equals(Buffer.from(first.pdf))).toBe(true);
  });

  it('renders two forms at once to the bytes each renders alone', async () => {
    const alone = [await coldBytes(largeForm()), await coldBytes(namesForm())];
    const render = await coldRenderer();
    const together = await Promise.all([render(largeForm()), render(namesForm())]);

    expect(Buffer.from(together[0].pdf).equals(alone[0] ?? Buffer.alloc(0))).toBe(true);
    expect(Buffer.from(together[1].pdf).equals(alone[1] ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('the cold renderer of these tests', () => {
  it('starts from fresh modules each time, so its forms are first renders', async () => {
    vi.resetModules();
    const first = (await import('../../../functions/form/form-fontkit.js')).formFontkit;
    vi.resetModules();
    const second = (await import('../../../functions/form/form-fontkit.js')).formFontkit;

    expect(second).not.toBe(first);
  });
});

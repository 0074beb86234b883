import { describe, expect, it } from 'vitest';
import { PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from '../../../functions/messages/page-layout.js';

describe('the pages\' Content-Security-Policy', () => {
  it('lets a page talk to its own origin only, unless it names another (the bucket the signing page uploads to)', () => {
    expect(PAGE_CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    const withBucket = pageContentSecurityPolicy({ connectTo: ['https://documents.s3.eu-west-1.amazonaws.com', 'http://127.0.0.1:4013'] });
    expect(withBucket).toContain("connect-src 'self' https://documents.s3.eu-west-1.amazonaws.com http://127.0.0.1:4013;");
    expect(withBucket.replace(/connect-src [^;]*/, '')).toBe(PAGE_CONTENT_SECURITY_POLICY.replace(/connect-src [^;]*/, ''));
  });

  it('takes bare origins only: nothing that could close the directive or add a source', () => {
    const hostile = pageContentSecurityPolicy({ connectTo: ["https://x.example; script-src 'unsafe-inline'", 'https://*.example', "'unsafe-eval'", 'https://ok.example/path'] });
    expect(hostile).toContain("connect-src 'self';");
    expect(hostile).not.toContain('unsafe');
    expect(hostile).not.toContain('example');
  });
});

import { inert } from './audit-export.service';

describe('CSV cells a spreadsheet would run', () => {
  it.each(['=1+1', '+1', '-1', '@A1', '\tx', '\rx'])('prefixes %j with an apostrophe', (cell) => {
    expect(inert(cell)).toBe(`'${cell}`);
  });

  it.each(['plain', 'a=b', '', ' =1'])('leaves %j alone', (cell) => {
    expect(inert(cell)).toBe(cell);
  });

  it('leaves numbers and nulls alone', () => {
    expect([inert(3), inert(null)]).toEqual([3, null]);
  });
});

import { addressRefusal, literalAddress } from './address-policy';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.4.2', /private/],
    ['192.168.1.1', /private/],
    ['169.254.1.1', /link-local/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fc00::1', /unique-local/],
    ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /127\.0\.0\.1 is a loopback/],
    ['::ffff:10.1.2.3', /10\.1\.2\.3 is a private/],
    ['64:ff9b::a00:1', /10\.0\.0\.1 is a private/],
    ['::127.0.0.1', /127\.0\.0\.1 is a loopback/],
    ['169.254.169.254', /cloud metadata/],
    ['fd00:ec2::254', /cloud metadata/],
  ])('refuses %s when private addresses are not allowed', (address, reason) => {
    expect(addressRefusal(address, false)).toMatch(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('lets the public address %s pass', (address) => {
    expect(addressRefusal(address, false)).toBeNull();
  });

  it.each(['127.0.0.1', '10.0.0.1', '::1', 'fc00::1', '192.168.1.1'])('lets %s pass when private addresses are allowed', (address) => {
    expect(addressRefusal(address, true)).toBeNull();
  });

  it.each(['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '100.100.100.200'])(
    'refuses the metadata address %s even when private addresses are allowed',
    (address) => {
      expect(addressRefusal(address, true)).toMatch(/cloud metadata/);
    },
  );
});

describe('literalAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[fd00:ec2::254]', 'fd00:ec2::254'],
    ['hooks.example.com', null],
    ['localhost', null],
  ])('%s → %s', (hostname, expected) => {
    expect(literalAddress(hostname)).toBe(expected);
  });
});

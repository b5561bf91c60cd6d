import { layout, plain } from './layout';

/** Mails about an organization's outgoing webhooks, to its owners. */
export const webhookTemplates = {
  webhookEndpointDisabled: (p: {
    name: string;
    organizationName: string;
    url: string;
    failingSince: string;
    lastError: string;
    webhooksUrl: string;
  }) =>
    layout({
      subject: `A webhook endpoint of ${plain(p.organizationName)} was disabled`,
      greeting: `Hi ${plain(p.name)},`,
      paragraphs: [
        `Every delivery to ${plain(p.url, 200)} has failed since ${p.failingSince}, so after five days we stopped sending to it.`,
        `The last error: ${plain(p.lastError, 200)}`,
        'Deliveries still waiting were marked failed, and events are not sent while the endpoint is disabled. ' +
          'Once the receiver works again, enable the endpoint and replay the deliveries it missed.',
      ],
      action: { label: 'See webhook endpoints', url: p.webhooksUrl },
    }),
};

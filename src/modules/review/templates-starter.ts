// Starter response templates, written for each organisation on its first read of the list; the organisation
// edits or deletes them from then on. UK numbers: 999 emergency (55 for the Silent Solution), 101 police
// non-emergency, Samaritans 116 123, Shout text line 85258.
export interface StarterTemplate {
  title: string;
  body: string;
  categories: string[];
}

export const STARTER_TEMPLATES: StarterTemplate[] = [
  {
    title: 'Immediate danger: call 999',
    body:
      'If you or someone else is in immediate danger, please call 999 now. If you cannot speak, call 999, ' +
      'listen to the questions and press 55 when prompted so the call is put through to us.',
    categories: ['welfare', 'threat'],
  },
  {
    title: 'Report it: 101 or online',
    body:
      'Thank you for telling us. Please contact us on 101 or report it online through our website so an ' +
      'officer can follow this up; please do not post personal details here. In an emergency always call 999.',
    categories: ['threat'],
  },
  {
    title: 'Samaritans: 116 123',
    body:
      "We're sorry you're feeling like this, and you don't have to face it alone. Samaritans are there day " +
      'or night on 116 123 (free from any phone) or jo@samaritans.org. If you are in immediate danger, call 999.',
    categories: ['welfare'],
  },
  {
    title: 'Text support: Shout 85258',
    body:
      'If talking is hard right now, you can text SHOUT to 85258 for free, confidential support at any time. ' +
      'If you are in immediate danger, call 999.',
    categories: ['welfare'],
  },
];

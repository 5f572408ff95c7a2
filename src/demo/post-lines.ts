// What a force's accounts post over a month: appeals, road closures, beat surgeries, thanks. All fictional.
export const POST_LINES = [
  'Road closure: {place} is closed in both directions after a collision. Please avoid the area and find another route.',
  'We are appealing for witnesses after a burglary near {place} last night. Call 101 quoting the incident number.',
  'Join us at our beat surgery at {place} on Saturday from 10am. Come and tell us what matters to you.',
  'Thank you to everyone who came along to the community speed watch at {place} this morning.',
  'Officers on patrol around {place} tonight after reports of anti-social behaviour. Speak to us if you see us.',
  'Missing: have you seen Daniel, 15? Last seen near {place}. If you see him, call 999.',
  'Please lock your bikes: we have had reports of thefts from {place}. Free bike marking at the station on Friday.',
  'Scam warning: callers claiming to be from your bank are asking for card details. Hang up and call 159.',
  'Our dog unit visited pupils at {place} today. Thanks for the brilliant questions!',
  'Drink and drug driving: our winter campaign starts today. Don’t risk it.',
  'Arrest made after the assault near {place} on Tuesday. Thanks to everyone who shared our appeal.',
  'Flooding on {place}: the road is closed. Do not drive through flood water.',
];

export const PLACES = [
  'the high street',
  'Mill Lane',
  'the retail park',
  'Station Road',
  'the park by the river',
  'Castle Street',
  'the market square',
  'Harbour Road',
  'the leisure centre',
  'St Mary’s school',
];

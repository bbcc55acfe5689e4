// Caret colours: light enough that the black label text on them keeps AA contrast.
const palette = ["#fdba74", "#86efac", "#93c5fd", "#f9a8d4", "#fde047", "#c4b5fd", "#5eead4", "#fca5a5"];

export const colorForUser = (userId: number) => palette[userId % palette.length];

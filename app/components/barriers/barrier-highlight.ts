// Highlights barrier passages in an item's plan editor (decision 004), with the shared passage highlight.
import { getBarrierMarkers, highlightedStatuses } from "~/domain/barrier-anchors";
import { passageHighlight } from "~/editor/passage-highlight";

export const BarrierHighlight = passageHighlight({
  name: "barrierHighlight",
  markers: getBarrierMarkers,
  shown: (marker) => highlightedStatuses.includes(marker.status),
  attrs: (id, marker) => ({
    class: `barrier-highlight barrier-${marker.severity}`,
    "data-barrier-id": id,
    "data-testid": "barrier-highlight",
  }),
});

/**
 * How to build a missing dataset, for the messages of the Node loader and the browser's fetch:
 * mini-ImageNet only ever comes from the user's own ImageNet copy, the others from `npm run datasets`.
 */
export function buildHint(name: string): string {
  if (name === 'mini-imagenet') {
    return 'mini-ImageNet is built only from your own ImageNet copy (its images may not be redistributed): ' +
      'run `npm run datasets -- --mini-imagenet PATH` with ILSVRC2012_img_train.tar or its folder (docs/datasets.md), ' +
      'or use the synthetic-rgb dataset (preset mini-imagenet-synthetic) instead.';
  }
  return 'Run `npm run datasets` (or `npm start`, which does it) to build public/datasets/.';
}

;; One Adam update of a parameter tensor in a single pass (tfjs: ~9 ops and 5 scalar uploads):
;;   v' = beta2·v + (1 − beta2)·g², m' = beta1·m + (1 − beta1)·g (m' = g when m = 0, i.e. beta1 = 0),
;;   p' = p − lr·m' / (sqrt(v') + eps), lr already bias-corrected.
;; Pointers m and mOut are 0 without first moments. The caller rounds 1 − beta to float32 itself
;; (c1, c2), as tfjs does for the scalars of the composed update.
(func (export "adam")
  (param $p i32) (param $g i32) (param $v i32) (param $m i32) (param $pOut i32) (param $vOut i32) (param $mOut i32)
  (param $size i32) (param $lr f32) (param $beta1 f32) (param $c1 f32) (param $beta2 f32) (param $c2 f32) (param $eps f32)
  (local $i i32) (local $end i32) (local $o i32) (local $gv v128) (local $vv v128) (local $mv v128)
  (local $gs f32) (local $vs f32) (local $ms f32)
  (local.set $end (i32.and (local.get $size) (i32.const -4)))
  (block $dv (loop $lv
    (br_if $dv (i32.ge_u (local.get $i) (local.get $end)))
    (local.set $o (i32.shl (local.get $i) (i32.const 2)))
    (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
    (local.set $vv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $o))) (f32x4.splat (local.get $beta2)))
      (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (local.get $c2)))))
    (v128.store (i32.add (local.get $vOut) (local.get $o)) (local.get $vv))
    (local.set $mv (local.get $gv))
    (if (local.get $m) (then
      (local.set $mv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $o))) (f32x4.splat (local.get $beta1)))
        (f32x4.mul (local.get $gv) (f32x4.splat (local.get $c1)))))
      (v128.store (i32.add (local.get $mOut) (local.get $o)) (local.get $mv))))
    (v128.store (i32.add (local.get $pOut) (local.get $o)) (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $o)))
      (f32x4.div (f32x4.mul (local.get $mv) (f32x4.splat (local.get $lr))) (f32x4.add (f32x4.sqrt (local.get $vv)) (f32x4.splat (local.get $eps))))))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br $lv)))
  ;; The last size % 4 values, one at a time.
  (block $ds (loop $ls
    (br_if $ds (i32.ge_u (local.get $i) (local.get $size)))
    (local.set $o (i32.shl (local.get $i) (i32.const 2)))
    (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
    (local.set $vs (f32.add (f32.mul (f32.load (i32.add (local.get $v) (local.get $o))) (local.get $beta2))
      (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
    (f32.store (i32.add (local.get $vOut) (local.get $o)) (local.get $vs))
    (local.set $ms (local.get $gs))
    (if (local.get $m) (then
      (local.set $ms (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $o))) (local.get $beta1))
        (f32.mul (local.get $gs) (local.get $c1))))
      (f32.store (i32.add (local.get $mOut) (local.get $o)) (local.get $ms))))
    (f32.store (i32.add (local.get $pOut) (local.get $o)) (f32.sub (f32.load (i32.add (local.get $p) (local.get $o)))
      (f32.div (f32.mul (local.get $ms) (local.get $lr)) (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $ls))))

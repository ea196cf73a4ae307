/* The default model, embedded at build time (see Makefile: MODEL). */
    .section .rodata
    .balign 16
    .global coref_embedded_model
    .global coref_embedded_model_end
    .hidden coref_embedded_model
    .hidden coref_embedded_model_end
coref_embedded_model:
    .incbin MODEL_PATH
coref_embedded_model_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits

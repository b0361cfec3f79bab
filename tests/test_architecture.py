import subprocess
import sys


def test_core_never_imports_gradio_or_loads_models_on_import():
    code = ("import sys, qa, qa.api, qa.cli; "
            "bad = [m for m in ('gradio', 'torch', 'sentence_transformers', 'spacy') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
